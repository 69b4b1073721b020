// The kernel's form components beyond single fields: each gives its control the field's id, ties
// hint and error to it, keeps what was chosen, and escapes what it is given.
#include <gtest/gtest.h>

#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"

using namespace syn;
using html::Errors;

namespace {

bool has(const html::Html& h, std::string_view part) { return h.str().find(part) != std::string::npos; }

TEST(Fields, ACheckboxGroupKeepsWhatWasTickedAndLinksTheErrorToTheFirstBox) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("areas", "Διαλέξτε τουλάχιστον έναν τομέα");
    const auto h = html::checkbox_group({.name = "areas", .label = "Τομείς", .hint = "Όλοι όσοι ισχύουν"},
                                        {{"culture", "Πολιτισμός"}, {"sport", "Αθλητισμός <&>"}}, {"sport"}, e);
    EXPECT_TRUE(has(h, "<legend class=\"fieldset__legend\">Τομείς</legend>"));
    EXPECT_TRUE(has(h, "aria-describedby=\"areas-hint areas-error\""));
    EXPECT_TRUE(has(h, "id=\"areas\" name=\"areas\" value=\"culture\">"));
    EXPECT_TRUE(has(h, "id=\"areas-sport\" name=\"areas\" value=\"sport\" checked>"));
    EXPECT_TRUE(has(h, "Αθλητισμός &lt;&amp;&gt;"));
    EXPECT_TRUE(has(h, "form-group--error"));
}

TEST(Fields, AGroupedSelectSelectsTheValueInsideItsGroup) {
    const Errors none;
    const auto h = html::grouped_select({.name = "subtype", .label = "Τύπος", .value = "koinsep"}, {{"", "Διαλέξτε"}},
                                        {{"Σωματεία", {{"cultural", "Πολιτιστικός"}}}, {"ΚΑλΟ", {{"koinsep", "ΚοινΣΕπ"}}}, {"Κενή", {}}},
                                        none);
    EXPECT_TRUE(has(h, "<option value=\"\">Διαλέξτε</option><optgroup label=\"Σωματεία\">"));
    EXPECT_TRUE(has(h, "<option value=\"koinsep\" selected>ΚοινΣΕπ</option>"));
    EXPECT_FALSE(has(h, "Κενή")) << "an empty group is left out";
}

TEST(Fields, AValueUnderSeveralGroupsIsSelectedOnceInTheGroupThatMayHoldIt) {
    const Errors none;
    // A person in two departments, chosen under the second.
    const auto h = html::grouped_select({.name = "assignee", .label = "Ανάθεση", .value = "7"}, {{"", "Κανείς"}},
                                        {{"Τεχνικές", {{"7", "Ελένη"}}, false}, {"Καθαριότητα", {{"7", "Ελένη"}, {"9", "Νίκος"}}}},
                                        none);
    EXPECT_TRUE(has(h, "<optgroup label=\"Τεχνικές\"><option value=\"7\">Ελένη</option>"));
    EXPECT_TRUE(has(h, "<optgroup label=\"Καθαριότητα\"><option value=\"7\" selected>Ελένη</option>"));
    // Without a chosen group, only the first is selected: one select holds one value.
    const auto first = html::grouped_select({.name = "assignee", .label = "Ανάθεση", .value = "7"}, {},
                                            {{"Τεχνικές", {{"7", "Ελένη"}}}, {"Καθαριότητα", {{"7", "Ελένη"}}}}, none);
    EXPECT_EQ(first.str().find("selected"), first.str().rfind("selected"));
}

TEST(Fields, AFieldsetOfBoxesWithNamesOfTheirOwnCarriesTheIdTheErrorLinksTo) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("visibility", "Μόνο τα στοιχεία του καταλόγου");
    const auto h = html::fieldset_group({.name = "visibility", .label = "Ορατά μόνο στον Δήμο", .hint = "Τα σημειωμένα"}, e,
                                        html::checkbox("vis_phone", "Τηλέφωνο", true), true);
    EXPECT_TRUE(has(h, "<fieldset class=\"fieldset\" id=\"visibility\" aria-describedby=\"visibility-hint visibility-error\">"));
    EXPECT_TRUE(has(h, "<p class=\"error-message\" id=\"visibility-error\"><span class=\"visually-hidden\">Σφάλμα: </span>"));
    EXPECT_TRUE(has(h, "id=\"vis_phone\""));
    // By default the first control inside carries the id, not the fieldset.
    EXPECT_FALSE(has(html::fieldset_group({.name = "when", .label = "Πότε"}, e, html::text("")), "id=\"when\""));
}

TEST(Fields, AFieldWithAnIdOfItsOwnTakesItsErrorByThatId) {
    i18n::Tr tr(i18n::Lang::En);
    Errors e(tr);
    e.add("resolve-reason", "Too long");
    const auto h = html::textarea({.name = "reason", .id = "resolve-reason", .label = "Answer"}, e, 3);
    EXPECT_TRUE(has(h, "id=\"resolve-reason\" name=\"reason\" aria-describedby=\"resolve-reason-error\" aria-invalid=\"true\""));
    EXPECT_TRUE(has(h, "<p class=\"error-message\" id=\"resolve-reason-error\"><span class=\"visually-hidden\">Error: </span>Too long</p>"));
    // The other form's "reason" error is not this field's.
    Errors other(tr);
    other.add("reason", "Say why");
    EXPECT_FALSE(has(html::textarea({.name = "reason", .id = "resolve-reason", .label = "Answer"}, other, 3), "Say why"));
}

TEST(Fields, AnErrorLineIsEmptyWithoutAnErrorAndEscapesItsText) {
    i18n::Tr tr(i18n::Lang::El);
    EXPECT_TRUE(html::error_message(&tr, "actions", nullptr).empty());
    const std::string text = "Όχι <τώρα>";
    EXPECT_EQ(html::error_message(&tr, "actions", &text).str(),
              "<p class=\"error-message\" id=\"actions-error\"><span class=\"visually-hidden\">Σφάλμα: </span>Όχι &lt;τώρα&gt;</p>");
    EXPECT_EQ(html::error_message(nullptr, "actions", &text).str(), "<p class=\"error-message\" id=\"actions-error\">Όχι &lt;τώρα&gt;</p>");
}

TEST(Fields, AFileInputNeverEchoesAValueAndAsksForTheFileAgainAfterAProblem) {
    i18n::Tr tr(i18n::Lang::El);
    const auto fresh = html::file_input({.name = "attachments", .label = "Συνημμένα", .value = "/etc/passwd", .hint = "PDF"},
                                        Errors(tr), ".pdf", true, "Διαλέξτε τα ξανά.");
    EXPECT_TRUE(has(fresh, "type=\"file\" id=\"attachments\" name=\"attachments\" aria-describedby=\"attachments-hint\" multiple accept=\".pdf\">"));
    EXPECT_FALSE(has(fresh, "passwd"));
    EXPECT_FALSE(has(fresh, "ξανά")) << "nothing to choose again on a first visit";
    Errors e(tr);
    e.add("title", "Γράψτε έναν τίτλο");
    EXPECT_TRUE(has(html::file_input({.name = "attachments", .label = "Συνημμένα", .hint = "PDF"}, e, ".pdf", true, "Διαλέξτε τα ξανά."),
                    "PDF <strong>Διαλέξτε τα ξανά.</strong>"));
}

TEST(Fields, ADateInputHasThreeLabelledBoxesNamedByPart) {
    i18n::init();
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("founded", "Η ημερομηνία πρέπει να είναι στο παρελθόν");
    const auto h = html::date_input(tr, {.name = "founded", .label = "Ημερομηνία ίδρυσης"}, {"12", "3", "1985"}, e);
    EXPECT_TRUE(has(h, "name=\"founded-day\" type=\"text\" inputmode=\"numeric\" value=\"12\""));
    EXPECT_TRUE(has(h, "name=\"founded-month\""));
    EXPECT_TRUE(has(h, "name=\"founded-year\" type=\"text\" inputmode=\"numeric\" value=\"1985\""));
    EXPECT_TRUE(has(h, "id=\"founded\" name=\"founded-day\"")) << "the error summary's link lands on the day";
    EXPECT_TRUE(has(h, "aria-invalid=\"true\""));
    EXPECT_TRUE(has(h, ">Ημέρα</label>")) << h.str();
}

TEST(Fields, AFieldGroupAndASummaryTableWrapWhatThePageWrites) {
    const Errors none;
    const auto g = html::field_group({.name = "x", .label = "Χ", .hint = "βοήθεια"}, none, html::text("<ours>"));
    EXPECT_TRUE(has(g, "<label class=\"label\" for=\"x\">Χ</label><div class=\"hint\" id=\"x-hint\">βοήθεια</div>&lt;ours&gt;</div>"));
    const auto t = html::summary_table("Στοιχεία", {{"Αιτήματα", html::text("12")}});
    EXPECT_TRUE(has(t, "<th class=\"table__header\" scope=\"row\">Αιτήματα</th><td class=\"table__cell\">12</td>"));
}

TEST(Fields, AStateTagTakesItsColourFromTheMapAndShowsAnUnknownCodeAsItself) {
    i18n::Tr tr(i18n::Lang::En);
    const html::TagStyle styles[] = {{"open", "Open", "blue"}, {"closed", "Closed", "grey"}};
    EXPECT_TRUE(has(html::state_tag(tr, styles, "open"), "tag--blue"));
    EXPECT_TRUE(has(html::state_tag(tr, styles, "open"), ">Open<"));
    EXPECT_TRUE(has(html::state_tag(tr, styles, "<odd>"), "&lt;odd&gt;"));
}

}  // namespace
