// platform/html: the page shell, the form components and the page building blocks, rendered
// with the real translator and its embedded Greek catalog. The markup is checked as text:
// what must be escaped, which ids the aria attributes point to, which attributes appear.
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/layout.hpp"
#include "platform/html/theme.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace syn;
using namespace syn::html;

namespace {

// Breaks out of a quoted attribute and out of text if anything forgets to escape it. "ZZ"
// marks where it starts, so the test can look for the raw quote right after it.
const std::string hostile = "ZZ\"'><script>alert(1)</script><img src=x onerror=alert(2)>&amp;";
const std::string hostile_escaped =
    "ZZ&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;";

::testing::AssertionResult safe(const std::string& out) {
    for (const char* raw : {"ZZ\"", "ZZ'", "<script", "<img src=x", "ZZ&quot;&#39;><"}) {
        if (out.find(raw) != std::string::npos)
            return ::testing::AssertionFailure() << "raw \"" << raw << "\" in:\n" << out;
    }
    if (out.find("&amp;amp;") == std::string::npos && out.find("ZZ") != std::string::npos)
        return ::testing::AssertionFailure() << "'&' not escaped in:\n" << out;
    return ::testing::AssertionSuccess();
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

// All values of one attribute, in document order.
std::vector<std::string> attr_values(const std::string& html, const std::string& attr) {
    std::vector<std::string> out;
    std::regex re(" " + attr + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

// The body of a document, split from the head.
std::string after(const std::string& s, const std::string& marker) {
    auto p = s.find(marker);
    return p == std::string::npos ? std::string() : s.substr(p);
}

Shell sample_shell(const i18n::Tr& tr) {
    Shell s;
    s.tr = &tr;
    s.site_name = "Δήμος Καλαμάτας";
    s.css_url = "/static/app.3f2a.css";
    s.current_path_and_query = "/requests?page=2";
    s.lang_switch_action = "/lang";
    s.csrf_token = "csrf-token-value";
    s.nav = {{"Αρχική", "/", false}, {"Αιτήματα", "/requests", true}, {"Εκδηλώσεις", "/events", false}};
    s.crumbs = {{"Αρχική", "/"}, {"Αιτήματα", "/requests"}, {"Νέο αίτημα", ""}};
    return s;
}

Html sample_body() {
    Writer w;
    w("<p>Σώμα σελίδας</p>");
    return w.take();
}

}  // namespace

// ---------------------------------------------------------------- escaping, every component

TEST(HtmlEscaping, PageEscapesEveryShellString) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s;
    s.tr = &tr;
    s.site_name = hostile;
    s.logo_url = hostile;
    s.theme_css_url = hostile;
    s.css_url = hostile;
    s.current_path_and_query = hostile;
    s.lang_switch_action = hostile;
    s.csrf_token = hostile;
    s.user_display_name = hostile;
    s.nav = {{hostile, hostile, true}};
    s.user_nav = {{hostile, hostile, false}};
    s.crumbs = {{hostile, hostile}, {hostile, ""}};
    s.flashes = {{Flash::Success, hostile}, {Flash::Info, hostile}, {Flash::Error, hostile}};
    s.path_prefix = hostile;
    std::string out = page(s, hostile, text(hostile)).str();
    EXPECT_TRUE(safe(out));
    // Every slot really rendered (title, h1, site name ×3, urls, nav, crumbs, flashes, …).
    EXPECT_GE(count(out, hostile_escaped), 20u);
}

TEST(HtmlEscaping, FormFieldsEscapeEveryString) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add(hostile, hostile);
    Field f{.name = hostile, .label = hostile, .value = hostile, .hint = hostile, .type = "text",
            .autocomplete = hostile, .required = true, .inputmode = hostile};
    std::vector<Option> opts = {{hostile, hostile}, {"b", hostile}};

    std::string in = input(f, e).str();
    EXPECT_TRUE(safe(in));
    EXPECT_NE(in.find("value=\"" + hostile_escaped + "\""), std::string::npos);

    std::string ta = textarea(f, e).str();
    EXPECT_TRUE(safe(ta));
    EXPECT_NE(ta.find(">\n" + hostile_escaped + "</textarea>"), std::string::npos);

    EXPECT_TRUE(safe(select(f, opts, e).str()));
    EXPECT_TRUE(safe(radios(f, opts, e).str()));
    EXPECT_TRUE(safe(checkbox(hostile, hostile, true, hostile).str()));
    EXPECT_TRUE(safe(error_summary(tr, e).str()));
    EXPECT_TRUE(safe(csrf_input(hostile).str()));
    EXPECT_TRUE(safe(hidden_input(hostile, hostile).str()));
    EXPECT_TRUE(safe(button(hostile, hostile).str()));
    EXPECT_TRUE(safe(button_link(hostile, hostile, hostile).str()));
    EXPECT_TRUE(safe(form_start(hostile, hostile, true).str()));
}

TEST(HtmlEscaping, HostileInputTypeBecomesText) {
    Errors e;
    std::string out = input({.name = "q", .label = "Q", .type = hostile}, e).str();
    EXPECT_TRUE(safe(out));
    EXPECT_NE(out.find("type=\"text\""), std::string::npos);
}

TEST(HtmlEscaping, ComponentsEscapeEveryString) {
    i18n::Tr tr(i18n::Lang::El);
    EXPECT_TRUE(safe(text(hostile).str()));
    EXPECT_TRUE(safe(link(hostile, hostile).str()));
    EXPECT_TRUE(safe(pagination(tr, 2, 5, [](int) { return hostile; }).str()));
    EXPECT_TRUE(safe(summary_list({{hostile, text(hostile), hostile, hostile}}).str()));
    EXPECT_TRUE(safe(table({.caption = hostile, .head = {hostile}, .rows = {{text(hostile)}}}).str()));
    EXPECT_TRUE(safe(inset_text(text(hostile)).str()));
    EXPECT_TRUE(safe(warning_text(tr, hostile).str()));
    EXPECT_TRUE(safe(tag(hostile, hostile).str()));
    EXPECT_TRUE(safe(details(hostile, text(hostile)).str()));
    EXPECT_TRUE(safe(panel(hostile, text(hostile)).str()));
    EXPECT_TRUE(safe(card_grid({{hostile, hostile, hostile}}).str()));
}

// ---------------------------------------------------------------- error summary and fields

TEST(HtmlForms, ErrorSummaryLinksLandOnTheFields) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("email", "Εισάγετε email");
    e.add("items[0].name", "Εισάγετε όνομα");
    e.add("category", "Επιλέξτε κατηγορία");
    e.add("urgency", "Επιλέξτε πόσο επείγει");

    std::string form = input({.name = "email", .label = "Email", .type = "email"}, e).str() +
                       input({.name = "items[0].name", .label = "Όνομα"}, e).str() +
                       select({.name = "category", .label = "Κατηγορία"}, {{"", "-"}, {"a", "A"}}, e).str() +
                       radios({.name = "urgency", .label = "Επείγον"}, {{"lo", "Λίγο"}, {"hi", "Πολύ"}}, e).str();
    std::string summary = error_summary(tr, e).str();

    std::vector<std::string> hrefs = attr_values(summary, "href");
    ASSERT_EQ(hrefs.size(), 4u);
    std::vector<std::string> ids = attr_values(form, "id");
    std::set<std::string> id_set(ids.begin(), ids.end());
    for (const std::string& h : hrefs) {
        ASSERT_EQ(h[0], '#');
        EXPECT_TRUE(id_set.count(h.substr(1))) << h << " has no target";
    }
    EXPECT_EQ(hrefs[1], "#items-0-.name");
    EXPECT_NE(summary.find("role=\"alert\""), std::string::npos);
    EXPECT_NE(summary.find("tabindex=\"-1\""), std::string::npos);
    EXPECT_EQ(summary.find("autofocus"), std::string::npos);
    EXPECT_NE(summary.find("Υπάρχει πρόβλημα"), std::string::npos);  // from the Greek catalog
}

TEST(HtmlForms, NoErrorsNoSummary) {
    i18n::Tr tr(i18n::Lang::El);
    EXPECT_TRUE(error_summary(tr, Errors(tr)).empty());
}

TEST(HtmlForms, FieldIdsAreValidIdsAndFragments) {
    EXPECT_EQ(field_id("email"), "email");
    EXPECT_EQ(field_id("items[0].name"), "items-0-.name");
    EXPECT_EQ(field_id("a b\"c"), "a-b-c");
    EXPECT_EQ(field_id(""), "field");
}

TEST(HtmlForms, HintAndErrorAreWiredWithAriaDescribedby) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("email", "Εισάγετε email");
    std::string out = input({.name = "email", .label = "Email", .hint = "Π.χ. name@example.com"}, e).str();

    auto described = attr_values(out, "aria-describedby");
    ASSERT_EQ(described.size(), 1u);
    EXPECT_EQ(described[0], "email-hint email-error");
    EXPECT_NE(out.find("id=\"email-hint\""), std::string::npos);
    EXPECT_NE(out.find("id=\"email-error\""), std::string::npos);
    EXPECT_NE(out.find("<label class=\"label\" for=\"email\">"), std::string::npos);
    EXPECT_NE(out.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_NE(out.find("form-group--error"), std::string::npos);
    // The visually hidden prefix, in Greek.
    EXPECT_NE(out.find("<span class=\"visually-hidden\">Σφάλμα: </span>Εισάγετε email"), std::string::npos);
}

TEST(HtmlForms, OnlyWhatExistsIsDescribed) {
    Errors none;
    std::string hint_only = input({.name = "phone", .label = "Τηλέφωνο", .hint = "10 ψηφία"}, none).str();
    EXPECT_EQ(attr_values(hint_only, "aria-describedby"), std::vector<std::string>{"phone-hint"});
    EXPECT_EQ(hint_only.find("aria-invalid"), std::string::npos);
    EXPECT_EQ(hint_only.find("form-group--error"), std::string::npos);

    std::string bare = input({.name = "phone", .label = "Τηλέφωνο"}, none).str();
    EXPECT_EQ(bare.find("aria-describedby"), std::string::npos);

    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("body", "Γράψτε κάτι");
    std::string ta = textarea({.name = "body", .label = "Κείμενο"}, e).str();
    EXPECT_EQ(attr_values(ta, "aria-describedby"), std::vector<std::string>{"body-error"});

    std::string cb = checkbox("notify", "Ενημέρωση", false, "Με email").str();
    EXPECT_EQ(attr_values(cb, "aria-describedby"), std::vector<std::string>{"notify-hint"});
    EXPECT_NE(cb.find("id=\"notify-hint\""), std::string::npos);
    EXPECT_EQ(cb.find(" checked"), std::string::npos);
    EXPECT_NE(checkbox("notify", "Ενημέρωση", true).str().find(" checked"), std::string::npos);
}

TEST(HtmlForms, ErrorsOfOtherFieldsDoNotLeak) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("email", "Λάθος email");
    std::string out = input({.name = "name", .label = "Όνομα"}, e).str();
    EXPECT_EQ(out.find("Λάθος email"), std::string::npos);
    EXPECT_EQ(out.find("error"), std::string::npos);
}

TEST(HtmlForms, PasswordAndFileValuesAreNeverEchoed) {
    i18n::Tr tr(i18n::Lang::El);
    Errors e(tr);
    e.add("password", "Πολύ μικρός κωδικός");
    std::string pw = input({.name = "password", .label = "Κωδικός", .value = "hunter2-secret",
                            .type = "password", .autocomplete = "new-password"},
                           e).str();
    EXPECT_EQ(pw.find("hunter2-secret"), std::string::npos);
    EXPECT_EQ(pw.find("value="), std::string::npos);
    EXPECT_NE(pw.find("type=\"password\""), std::string::npos);
    EXPECT_NE(pw.find("autocomplete=\"new-password\""), std::string::npos);

    std::string file = input({.name = "doc", .label = "Αρχείο", .value = "C:\\secret.pdf", .type = "file"}, e).str();
    EXPECT_EQ(file.find("secret.pdf"), std::string::npos);

    // Other types do echo what the user typed, so they need not type it again.
    std::string email = input({.name = "email", .label = "Email", .value = "maria@example.gr", .type = "email"}, e).str();
    EXPECT_NE(email.find("value=\"maria@example.gr\""), std::string::npos);
}

TEST(HtmlForms, TextareaKeepsALeadingNewline) {
    Errors e;
    std::string out = textarea({.name = "t", .label = "T", .value = "\nδεύτερη γραμμή"}, e, 3).str();
    // The parser eats one newline after <textarea>; ours, so the value's own one survives.
    EXPECT_NE(out.find(">\n\nδεύτερη γραμμή</textarea>"), std::string::npos);
    EXPECT_NE(out.find("rows=\"3\""), std::string::npos);
}

TEST(HtmlForms, SelectAndRadiosMarkTheChosenOption) {
    Errors e;
    std::vector<Option> opts = {{"", "Επιλέξτε"}, {"road", "Οδοστρωσία"}, {"light", "Φωτισμός"}};
    std::string sel = select({.name = "cat", .label = "Κατηγορία", .value = "light", .required = true}, opts, e).str();
    EXPECT_EQ(count(sel, " selected"), 1u);
    EXPECT_NE(sel.find("<option value=\"light\" selected>"), std::string::npos);
    // aria-required rather than required: HTML would then demand an empty first option.
    EXPECT_NE(sel.find("aria-required=\"true\""), std::string::npos);
    EXPECT_EQ(sel.find(" required"), std::string::npos);

    std::string rad = radios({.name = "cat", .label = "Κατηγορία", .value = "road"}, opts, e).str();
    EXPECT_EQ(count(rad, " checked"), 1u);
    EXPECT_NE(rad.find("id=\"cat-2\" name=\"cat\" value=\"road\" checked"), std::string::npos);
    EXPECT_NE(rad.find("<legend class=\"fieldset__legend\">Κατηγορία</legend>"), std::string::npos);
    EXPECT_EQ(attr_values(rad, "for"), (std::vector<std::string>{"cat", "cat-2", "cat-3"}));
}

TEST(HtmlForms, FormStartButtonsAndHiddenInputs) {
    std::string post = form_start("/requests").str();
    EXPECT_NE(post.find("method=\"post\""), std::string::npos);
    EXPECT_NE(post.find(" novalidate"), std::string::npos);
    EXPECT_EQ(post.find("enctype"), std::string::npos);
    EXPECT_NE(form_start("/upload", "post", true).str().find("enctype=\"multipart/form-data\""), std::string::npos);
    EXPECT_NE(form_start("/search", "get").str().find("method=\"get\""), std::string::npos);
    EXPECT_NE(form_start("/x", "DELETE").str().find("method=\"post\""), std::string::npos);
    EXPECT_EQ(form_end().str(), "</form>\n");

    EXPECT_EQ(csrf_input("abc").str(), "<input type=\"hidden\" name=\"_csrf\" value=\"abc\">");
    EXPECT_NE(button("Αποθήκευση").str().find("class=\"button button--primary\" type=\"submit\""), std::string::npos);
    EXPECT_NE(button("Ακύρωση", "secondary").str().find("button--secondary"), std::string::npos);
    EXPECT_NE(button("Διαγραφή", "warning").str().find("button--warning"), std::string::npos);
    EXPECT_NE(button("X", "nonsense").str().find("button--primary"), std::string::npos);
    EXPECT_NE(button_link("Έναρξη", "/start").str().find("<a class=\"button button--primary\" href=\"/start\">"),
              std::string::npos);
}

// ---------------------------------------------------------------- page

TEST(HtmlPage, DocumentSkeleton) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = page(sample_shell(tr), "Νέο αίτημα", sample_body()).str();
    EXPECT_EQ(out.rfind("<!doctype html>\n<html lang=\"el\">", 0), 0u);
    EXPECT_NE(out.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(out.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), std::string::npos);
    EXPECT_NE(out.find("<title>Νέο αίτημα \u2014 Δήμος Καλαμάτας</title>"), std::string::npos);
    EXPECT_NE(out.find("<link rel=\"stylesheet\" href=\"/static/app.3f2a.css\">"), std::string::npos);
    EXPECT_EQ(out.find("style="), std::string::npos);    // CSP: no inline style…
    EXPECT_EQ(out.find("<script"), std::string::npos);   // …and no script
    EXPECT_EQ(out.find("<style"), std::string::npos);
    EXPECT_NE(out.find("<h1 class=\"page-title\">Νέο αίτημα</h1>"), std::string::npos);
    EXPECT_NE(out.find("<p>Σώμα σελίδας</p>"), std::string::npos);
    EXPECT_NE(out.find("</html>"), std::string::npos);
}

TEST(HtmlPage, SkipLinkComesFirstAndTargetsMain) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = page(sample_shell(tr), "Τίτλος", sample_body()).str();
    std::string body = after(out, "<body>");
    auto skip = body.find("<a class=\"skip-link\" href=\"#main\">Μετάβαση στο κύριο περιεχόμενο</a>");
    ASSERT_NE(skip, std::string::npos);
    EXPECT_EQ(body.find("<a"), skip);  // the first link on the page
    EXPECT_NE(out.find("<main class=\"main\" id=\"main\" tabindex=\"-1\">"), std::string::npos);
    EXPECT_EQ(count(out, "id=\"main\""), 1u);
}

TEST(HtmlPage, LangAttributeFollowsTheTranslator) {
    i18n::Tr en(i18n::Lang::En);
    std::string out = page(sample_shell(en), "Title", sample_body()).str();
    EXPECT_NE(out.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(out.find(">Skip to main content</a>"), std::string::npos);
    EXPECT_NE(out.find("aria-label=\"Breadcrumb\""), std::string::npos);
}

TEST(HtmlPage, TitleIsEscaped) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = page(sample_shell(tr), "</title><script>x</script>", sample_body()).str();
    EXPECT_EQ(out.find("<script>"), std::string::npos);
    EXPECT_NE(out.find("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; \u2014 Δήμος Καλαμάτας</title>"),
              std::string::npos);
    EXPECT_NE(out.find("<h1 class=\"page-title\">&lt;/title&gt;"), std::string::npos);
}

TEST(HtmlPage, ErrorsPrefixTheTitle) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s = sample_shell(tr);
    s.has_errors = true;
    std::string out = page(s, "Εγγραφή", sample_body()).str();
    EXPECT_NE(out.find("<title>Σφάλμα: Εγγραφή \u2014 Δήμος Καλαμάτας</title>"), std::string::npos);
    EXPECT_NE(out.find("<h1 class=\"page-title\">Εγγραφή</h1>"), std::string::npos);  // not the h1
}

TEST(HtmlPage, AriaCurrentOnNavCrumbAndLanguage) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = page(sample_shell(tr), "Νέο αίτημα", sample_body()).str();
    EXPECT_NE(out.find("href=\"/requests\" aria-current=\"page\">Αιτήματα</a>"), std::string::npos);
    EXPECT_NE(out.find("<li class=\"breadcrumbs__item\" aria-current=\"page\">Νέο αίτημα</li>"), std::string::npos);
    EXPECT_NE(out.find("<nav class=\"breadcrumbs\" aria-label=\"Διαδρομή πλοήγησης\"><ol"), std::string::npos);
    // Exactly: the current nav item, the last crumb, the active language.
    EXPECT_EQ(count(out, "aria-current="), 3u);
    EXPECT_NE(out.find("value=\"el\" lang=\"el\" aria-current=\"true\">Ελληνικά</button>"), std::string::npos);
    EXPECT_NE(out.find("value=\"en\" lang=\"en\">English</button>"), std::string::npos);

    i18n::Tr en(i18n::Lang::En);
    std::string out_en = page(sample_shell(en), "New request", sample_body()).str();
    EXPECT_NE(out_en.find("value=\"en\" lang=\"en\" aria-current=\"true\">English</button>"), std::string::npos);
    EXPECT_NE(out_en.find("value=\"el\" lang=\"el\">Ελληνικά</button>"), std::string::npos);
}

TEST(HtmlPage, LanguageSwitchIsAPostFormThatReturnsHere) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = page(sample_shell(tr), "Τ", sample_body()).str();
    std::string form = after(out, "<form class=\"lang-switch\"");
    form = form.substr(0, form.find("</form>"));
    EXPECT_NE(form.find("action=\"/lang\" method=\"post\""), std::string::npos);
    EXPECT_NE(form.find("name=\"_csrf\" value=\"csrf-token-value\""), std::string::npos);
    EXPECT_NE(form.find("name=\"return\" value=\"/requests?page=2\""), std::string::npos);
    EXPECT_EQ(count(form, "type=\"submit\" name=\"lang\""), 2u);
}

TEST(HtmlPage, LogoutOnlyWhenLoggedIn) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s = sample_shell(tr);
    s.user_nav = {{"Σύνδεση", "/login", false}};
    std::string anon = page(s, "Τ", sample_body()).str();
    EXPECT_EQ(anon.find("/logout"), std::string::npos);
    EXPECT_NE(anon.find("href=\"/login\""), std::string::npos);

    s.user_nav = {{"Ο λογαριασμός μου", "/account", false}};
    s.user_display_name = "Μαρία Π.";
    s.path_prefix = "/kalamata";
    std::string in = page(s, "Τ", sample_body()).str();
    EXPECT_NE(in.find("Μαρία Π."), std::string::npos);
    std::string logout = after(in, "action=\"/kalamata/logout\" method=\"post\">");
    ASSERT_FALSE(logout.empty());
    EXPECT_NE(logout.find("name=\"_csrf\" value=\"csrf-token-value\""), std::string::npos);
    EXPECT_NE(logout.find(">Αποσύνδεση</button>"), std::string::npos);
    EXPECT_NE(in.find("href=\"/kalamata/accessibility\""), std::string::npos);
}

TEST(HtmlPage, FooterLinksAndLogo) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s = sample_shell(tr);
    std::string out = page(s, "Τ", sample_body()).str();
    EXPECT_NE(out.find("href=\"/accessibility\">Δήλωση προσβασιμότητας</a>"), std::string::npos);
    EXPECT_NE(out.find("href=\"/privacy\">Ενημέρωση για την προστασία προσωπικών δεδομένων</a>"), std::string::npos);
    EXPECT_NE(out.find("<footer"), std::string::npos);
    EXPECT_NE(out.find("<svg class=\"site-header__emblem\""), std::string::npos);  // default emblem
    EXPECT_EQ(out.find("<img"), std::string::npos);
    EXPECT_EQ(out.find("theme"), std::string::npos);

    s.logo_url = "/t/kalamata/logo.png";
    s.theme_css_url = "/t/kalamata/theme.css";
    out = page(s, "Τ", sample_body()).str();
    EXPECT_NE(out.find("<img class=\"site-header__logo\" src=\"/t/kalamata/logo.png\" alt=\"\""), std::string::npos);
    EXPECT_EQ(out.find("<svg"), std::string::npos);
    // The tenant's colours come after app.css so they win.
    auto app = out.find("href=\"/static/app.3f2a.css\"");
    auto theme = out.find("<link rel=\"stylesheet\" href=\"/t/kalamata/theme.css\">");
    ASSERT_NE(theme, std::string::npos);
    EXPECT_LT(app, theme);
}

TEST(HtmlPage, FlashesHaveLiveRegionRolesInsideMain) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s = sample_shell(tr);
    s.flashes = {{Flash::Success, "Αποθηκεύτηκε"}, {Flash::Error, "Απέτυχε"}, {Flash::Info, "Προσοχή"}};
    std::string out = page(s, "Τ", sample_body()).str();
    auto main = out.find("<main");
    auto h1 = out.find("<h1");
    auto ok = out.find("notification--success\" role=\"status\"");
    auto err = out.find("notification--error\" role=\"alert\"");
    auto info = out.find("notification--info\" role=\"status\"");
    ASSERT_NE(ok, std::string::npos);
    ASSERT_NE(err, std::string::npos);
    ASSERT_NE(info, std::string::npos);
    for (auto p : {ok, err, info}) {
        EXPECT_GT(p, main);
        EXPECT_LT(p, h1);
    }
    EXPECT_NE(out.find(">Επιτυχία</p>"), std::string::npos);
}

TEST(HtmlPage, NavigationLandmarksHaveDistinctNames) {
    i18n::Tr tr(i18n::Lang::El);
    Shell s = sample_shell(tr);
    s.user_display_name = "Μ";
    std::string out = page(s, "Τ", sample_body()).str();
    std::vector<std::string> labels;
    std::regex re("<nav [^>]*aria-label=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator(); ++it)
        labels.push_back((*it)[1]);
    EXPECT_EQ(count(out, "<nav"), labels.size());  // every nav is named
    EXPECT_EQ(labels.size(), 4u);                   // account, main, breadcrumb, footer
    EXPECT_EQ(std::set<std::string>(labels.begin(), labels.end()).size(), labels.size());
}

// ---------------------------------------------------------------- pagination

TEST(HtmlPagination, OnePageRendersNothing) {
    i18n::Tr tr(i18n::Lang::El);
    auto url = [](int n) { return "/l?page=" + std::to_string(n); };
    EXPECT_TRUE(pagination(tr, 1, 1, url).empty());
    EXPECT_TRUE(pagination(tr, 1, 0, url).empty());
}

TEST(HtmlPagination, WindowAroundTheCurrentPage) {
    i18n::Tr tr(i18n::Lang::El);
    std::string out = pagination(tr, 5, 12, [](int n) { return "/l?page=" + std::to_string(n); }).str();
    EXPECT_NE(out.find("<nav class=\"pagination\" aria-label=\"Σελιδοποίηση\">"), std::string::npos);
    EXPECT_NE(out.find("href=\"/l?page=4\" rel=\"prev\">Προηγούμενη σελίδα</a>"), std::string::npos);
    EXPECT_NE(out.find("href=\"/l?page=6\" rel=\"next\">Επόμενη σελίδα</a>"), std::string::npos);
    EXPECT_NE(out.find("href=\"/l?page=5\" aria-label=\"Σελίδα 5\" aria-current=\"page\">5</a>"), std::string::npos);
    EXPECT_EQ(count(out, "aria-current"), 1u);
    // 1 … 4 5 6 … 12
    std::vector<std::string> numbers;
    std::regex re("aria-label=\"Σελίδα (\\d+)\"");
    for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator(); ++it)
        numbers.push_back((*it)[1]);
    EXPECT_EQ(numbers, (std::vector<std::string>{"1", "4", "5", "6", "12"}));
    EXPECT_EQ(count(out, "\u2026"), 2u);
}

TEST(HtmlPagination, EdgesAndClamping) {
    i18n::Tr tr(i18n::Lang::El);
    auto url = [](int n) { return "/l?page=" + std::to_string(n); };
    std::string first = pagination(tr, 1, 3, url).str();
    EXPECT_EQ(first.find("rel=\"prev\""), std::string::npos);
    EXPECT_NE(first.find("rel=\"next\""), std::string::npos);
    EXPECT_EQ(count(first, "\u2026"), 0u);  // 1 2 3

    std::string past_end = pagination(tr, 99, 3, url).str();
    EXPECT_EQ(past_end.find("rel=\"next\""), std::string::npos);
    EXPECT_NE(past_end.find("aria-label=\"Σελίδα 3\" aria-current=\"page\""), std::string::npos);

    // A gap of a single page shows that page instead of "…".
    std::string four = pagination(tr, 4, 10, url).str();
    EXPECT_NE(four.find("aria-label=\"Σελίδα 2\""), std::string::npos);
    EXPECT_EQ(count(four, "\u2026"), 1u);
}

// ---------------------------------------------------------------- components

TEST(HtmlComponents, TableHasCaptionAndScopedHeaders) {
    std::string out = table({.caption = "Αιτήματα", .head = {"Κατηγορία", "Ανοιχτά", "Κλειστά"},
                             .rows = {{text("Φωτισμός"), text("12"), text("3")}},
                             .numeric_columns = {1, 2},
                             .first_column_is_header = true})
                          .str();
    EXPECT_NE(out.find("<caption class=\"table__caption\">Αιτήματα</caption>"), std::string::npos);
    EXPECT_EQ(count(out, "scope=\"col\""), 3u);
    EXPECT_NE(out.find("<th class=\"table__header\" scope=\"row\" data-label=\"Κατηγορία\">Φωτισμός</th>"), std::string::npos);
    // On a phone each cell shows its column's heading (stacked rows, app.css).
    EXPECT_NE(out.find("<td class=\"table__cell table__cell--numeric\" data-label=\"Ανοιχτά\">12</td>"), std::string::npos) << out;
    EXPECT_NE(out.find("class=\"table table--stacked\""), std::string::npos);
    EXPECT_EQ(count(out, "table__cell--numeric"), 4u);  // two headers, two cells
    EXPECT_NE(out.find("role=\"region\" aria-label=\"Αιτήματα\" tabindex=\"0\""), std::string::npos);
}

TEST(HtmlComponents, SummaryListActionsNameTheirRow) {
    std::string out = summary_list({{"Όνομα", text("Μαρία"), "/edit#name", "Αλλαγή"},
                                    {"Email", text("m@example.gr")}})
                          .str();
    EXPECT_NE(out.find("<dt class=\"summary-list__key\">Όνομα</dt>"), std::string::npos);
    EXPECT_NE(out.find("<a href=\"/edit#name\">Αλλαγή<span class=\"visually-hidden\"> Όνομα</span></a>"),
              std::string::npos);
    EXPECT_EQ(count(out, "summary-list__actions"), 2u);  // an empty cell keeps the columns aligned
    EXPECT_TRUE(summary_list({}).empty());
}

TEST(HtmlComponents, CardGridHeadingLevel) {
    std::vector<Card> cards = {{"Για πολίτες", "/citizens", "Αιτήματα και ιδέες"}};
    EXPECT_NE(card_grid(cards).str().find("<h2 class=\"card__title\"><a class=\"card__link\" href=\"/citizens\">"),
              std::string::npos);
    EXPECT_NE(card_grid(cards, 3).str().find("</a></h3>"), std::string::npos);
    EXPECT_NE(card_grid(cards, 1).str().find("<h2"), std::string::npos);   // never a second h1
    EXPECT_NE(card_grid(cards, 9).str().find("<h6"), std::string::npos);
    EXPECT_TRUE(card_grid({}).empty());
}

TEST(HtmlComponents, TagsWarningAndPanel) {
    i18n::Tr tr(i18n::Lang::El);
    EXPECT_EQ(tag("Νέο").str(), "<strong class=\"tag\">Νέο</strong>");
    EXPECT_EQ(tag("Εγκρίθηκε", "green").str(), "<strong class=\"tag tag--green\">Εγκρίθηκε</strong>");
    EXPECT_EQ(tag("Χ", "pink").str(), "<strong class=\"tag\">Χ</strong>");
    EXPECT_NE(warning_text(tr, "Προσοχή").str().find("<span class=\"visually-hidden\">Προειδοποίηση: </span>Προσοχή"),
              std::string::npos);
    EXPECT_NE(panel("Υποβλήθηκε", text("Αρ. 42")).str().find("<h2 class=\"panel__title\">Υποβλήθηκε</h2>"),
              std::string::npos);
    EXPECT_NE(details("Γιατί;", text("Επειδή")).str().find("<summary class=\"details__summary\">Γιατί;</summary>"),
              std::string::npos);
}

// ---------------------------------------------------------------- theme

TEST(HtmlTheme, NormalisesHexColours) {
    EXPECT_EQ(normalise_hex_colour("#1D4F91"), "#1d4f91");
    EXPECT_EQ(normalise_hex_colour("#19f"), "#1199ff");
    EXPECT_EQ(normalise_hex_colour("1d4f91"), std::nullopt);
    EXPECT_EQ(normalise_hex_colour("#1d4f9"), std::nullopt);
    EXPECT_EQ(normalise_hex_colour("#12345g"), std::nullopt);
    EXPECT_EQ(normalise_hex_colour("red"), std::nullopt);
    EXPECT_EQ(normalise_hex_colour(""), std::nullopt);
}

TEST(HtmlTheme, ContrastRatioMatchesWcag) {
    EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 0.01);
    EXPECT_NEAR(contrast_ratio("#ffffff", "#ffffff"), 1.0, 0.01);
    EXPECT_NEAR(contrast_ratio("#003476", "#ffffff"), 11.98, 0.01);  // WebAIM: 11.98:1
    EXPECT_NEAR(contrast_ratio("#767676", "#ffffff"), 4.54, 0.01);   // the classic AA grey
}

TEST(HtmlTheme, DarkEnoughColourIsKept) {
    EXPECT_EQ(theme_css("#1D4F91"), ":root{--brand:#1d4f91;--brand-dark:#163b6d;--brand-tint:#e8edf4}\n");
    EXPECT_EQ(theme_css("#003476"), ":root{--brand:#003476;--brand-dark:#002759;--brand-tint:#e6ebf1}\n");
}

TEST(HtmlTheme, InvalidColourFallsBackToTheDefault) {
    std::string def = theme_css(default_brand_colour);
    EXPECT_NE(def.find("--brand:#003476;"), std::string::npos);
    EXPECT_EQ(theme_css("red"), def);
    EXPECT_EQ(theme_css("#fff;}body{background:url(//evil)}"), def);
    EXPECT_EQ(theme_css(""), def);
}

TEST(HtmlTheme, LightColourIsDarkenedToReachAA) {
    std::string css = theme_css("#ffdd00");  // yellow: 1.4:1 on white
    std::smatch m;
    ASSERT_TRUE(std::regex_search(css, m, std::regex("--brand:(#[0-9a-f]{6});--brand-dark:(#[0-9a-f]{6});"
                                                     "--brand-tint:(#[0-9a-f]{6})")));
    std::string brand = m[1], tint = m[3];
    EXPECT_NE(brand, "#ffdd00");
    EXPECT_GE(contrast_ratio(brand, "#ffffff"), 4.5);
    EXPECT_GE(contrast_ratio(brand, tint), 4.5);
    // Darkened, not replaced: still a yellow-brown (red ≥ green > blue).
    auto channel = [&](int i) { return std::stoi(brand.substr(1 + 2 * i, 2), nullptr, 16); };
    EXPECT_GE(channel(0), channel(1));
    EXPECT_GT(channel(1), channel(2));
}
