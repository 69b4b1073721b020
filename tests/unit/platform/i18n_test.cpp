// platform/i18n against the real embedded catalogs and ICU data. Timestamps were converted
// to Europe/Athens independently (Python zoneinfo), not copied from this code's output.
#include "platform/i18n/i18n.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

using namespace syn::i18n;

// ---------------------------------------------------------------- language codes
TEST(I18nLang, CodesRoundTrip) {
    EXPECT_EQ(code(Lang::El), "el");
    EXPECT_EQ(code(Lang::En), "en");
    EXPECT_EQ(parse_lang(code(Lang::El)), Lang::El);
    EXPECT_EQ(parse_lang(code(Lang::En)), Lang::En);
}

TEST(I18nLang, ParseAcceptsRegionsAndCase) {
    EXPECT_EQ(parse_lang("el-GR"), Lang::El);
    EXPECT_EQ(parse_lang("EL"), Lang::El);
    EXPECT_EQ(parse_lang("en_GB"), Lang::En);
    EXPECT_EQ(parse_lang("en-US"), Lang::En);
}

TEST(I18nLang, ParseRefusesOthers) {
    EXPECT_EQ(parse_lang(""), std::nullopt);
    EXPECT_EQ(parse_lang("e"), std::nullopt);
    EXPECT_EQ(parse_lang("fr"), std::nullopt);
    EXPECT_EQ(parse_lang("ell"), std::nullopt);
    EXPECT_EQ(parse_lang("eng"), std::nullopt);
    EXPECT_EQ(parse_lang("el-"), std::nullopt);
    EXPECT_EQ(parse_lang("*"), std::nullopt);
}

// ---------------------------------------------------------------- negotiate
TEST(I18nNegotiate, DefaultIsGreek) {
    EXPECT_EQ(negotiate(std::nullopt, std::nullopt), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, ""), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, "fr-FR, de;q=0.8"), Lang::El);
    EXPECT_EQ(negotiate("xx", std::nullopt), Lang::El);
}

TEST(I18nNegotiate, CookieWinsOverHeader) {
    EXPECT_EQ(negotiate("en", "el-GR,el;q=0.9"), Lang::En);
    EXPECT_EQ(negotiate("el", "en-US,en;q=0.9"), Lang::El);
}

TEST(I18nNegotiate, InvalidCookieFallsBackToHeader) {
    EXPECT_EQ(negotiate("fr", "en-GB"), Lang::En);
    EXPECT_EQ(negotiate("", "en"), Lang::En);
}

TEST(I18nNegotiate, QValuesHonoured) {
    EXPECT_EQ(negotiate(std::nullopt, "en-US,en;q=0.9,el;q=0.8"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, "en;q=0.5, el;q=0.9"), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, "el;q=0.5, en"), Lang::En);  // absent q is 1
    EXPECT_EQ(negotiate(std::nullopt, "fr, de;q=0.9, en;q=0.1"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, "EN ; Q=0.7 , el ; q=0.3"), Lang::En);
}

TEST(I18nNegotiate, EqualWeightsKeepTheUsersOrder) {
    EXPECT_EQ(negotiate(std::nullopt, "en, el"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, "el;q=0.8, en;q=0.8"), Lang::El);
}

TEST(I18nNegotiate, ZeroAndMalformedWeightsIgnored) {
    EXPECT_EQ(negotiate(std::nullopt, "en;q=0, el;q=0.1"), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, "el;q=0, en;q=0.1"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, "el;q=abc, en;q=0.2"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, "el;q=1.5, en;q=0.2"), Lang::En);
    EXPECT_EQ(negotiate(std::nullopt, ",,;;,en;q=0.3,"), Lang::En);
}

TEST(I18nNegotiate, WildcardMeansOurDefault) {
    EXPECT_EQ(negotiate(std::nullopt, "fr, *;q=0.5"), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, "en;q=0.4, *;q=0.5"), Lang::El);
    EXPECT_EQ(negotiate(std::nullopt, "en;q=0.6, *;q=0.5"), Lang::En);
}

// ---------------------------------------------------------------- translation
TEST(I18nTr, RealMsgidInBothLanguages) {
    init();
    EXPECT_EQ(Tr(Lang::El)("Skip to main content"), "Μετάβαση στο κύριο περιεχόμενο");
    EXPECT_EQ(Tr(Lang::En)("Skip to main content"), "Skip to main content");
}

TEST(I18nTr, UnknownMsgidFallsBackToEnglish) {
    EXPECT_EQ(Tr(Lang::El)("A msgid that no catalog has"), "A msgid that no catalog has");
    EXPECT_EQ(Tr(Lang::El)(""), "");  // not the catalog header
}

TEST(I18nTr, DefaultIsGreekAndLocaleIsShared) {
    const Tr a, b(Lang::El), c(Lang::En);
    EXPECT_EQ(a.lang(), Lang::El);
    EXPECT_EQ(&a.locale(), &b.locale());  // built once, not per Tr
    EXPECT_NE(&a.locale(), &c.locale());
}

TEST(I18nTr, PluralsUseTheCatalogsRule) {
    const Tr el(Lang::El), en(Lang::En);
    EXPECT_EQ(el.tn("{} result", "{} results", 1), "1 αποτέλεσμα");
    EXPECT_EQ(el.tn("{} result", "{} results", 0), "0 αποτελέσματα");
    EXPECT_EQ(el.tn("{} result", "{} results", 5), "5 αποτελέσματα");
    EXPECT_EQ(en.tn("{} result", "{} results", 1), "1 result");
    EXPECT_EQ(en.tn("{} result", "{} results", 12), "12 results");
    // Not in any catalog: English, with n chosen by the English rule.
    EXPECT_EQ(el.tn("{} unknown thing", "{} unknown things", 2), "2 unknown things");
    EXPECT_EQ(el.tn("{} unknown thing", "{} unknown things", 1), "1 unknown thing");
}

TEST(I18nTr, FormattedMessage) {
    EXPECT_EQ(Tr(Lang::En).tf("{} of {}", 3, "ten"), "3 of ten");
}

TEST(I18nTr, SafeFromManyThreads) {
    // Every thread must see the same translation; a data race would show under TSan/ASan.
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (std::size_t t = 0; t < ok.size(); ++t)
        threads.emplace_back([&ok, t] {
            for (int i = 0; i < 200; ++i) {
                const Tr tr(i % 2 ? Lang::En : Lang::El);
                const std::string s = tr("Skip to main content");
                const bool good = i % 2 ? s == "Skip to main content" : s == "Μετάβαση στο κύριο περιεχόμενο";
                ok[t] += good && !format_date(tr, 1795344300).empty() && collate(tr, "α", "β") < 0;
            }
        });
    for (auto& th : threads) th.join();
    for (int n : ok) EXPECT_EQ(n, 200);
}

// ---------------------------------------------------------------- dates
constexpr std::int64_t kSunday1045Utc = 1795344300;      // 2026-11-22 10:45 UTC = 12:45 Athens (EET)
constexpr std::int64_t kSaturday2230Utc = 1795300200;    // 2026-11-21 22:30 UTC = Sun 22 Nov 00:30 Athens
constexpr std::int64_t kSummer2130Utc = 1784151000;      // 2026-07-15 21:30 UTC = Thu 16 Jul 00:30 Athens (EEST)
constexpr std::int64_t kSummer2059Utc = 1784149140;      // 2026-07-15 20:59 UTC = Wed 15 Jul 23:59 Athens

TEST(I18nDate, GreekUsesGenitiveMonth) {
    EXPECT_EQ(format_date(Tr(Lang::El), kSunday1045Utc), "Κυριακή, 22 Νοεμβρίου 2026");
    EXPECT_EQ(format_date(Tr(Lang::En), kSunday1045Utc), "Sunday, 22 November 2026");
}

TEST(I18nDate, TheSecondTimeADateIsFormattedItIsTheSameAtEitherSideOfAthensMidnight) {
    // format_date() keeps what it formatted by UTC hour: the last second before Athens midnight
    // and the first after it are in different hours, in summer (UTC+3) and in winter (UTC+2).
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(format_date(Tr(Lang::En), 1792875599), "Saturday, 24 October 2026");  // 23:59:59 EEST
        EXPECT_EQ(format_date(Tr(Lang::En), 1792875600), "Sunday, 25 October 2026");    // 00:00:00 EEST
        EXPECT_EQ(format_date(Tr(Lang::En), 1795298399), "Saturday, 21 November 2026"); // 23:59:59 EET
        EXPECT_EQ(format_date(Tr(Lang::En), 1795298400), "Sunday, 22 November 2026");   // 00:00:00 EET
        EXPECT_EQ(format_date(Tr(Lang::El), 1795298400), "Κυριακή, 22 Νοεμβρίου 2026");  // each language its own
    }
}

TEST(I18nDate, NearMidnightUtcIsNextDayInAthens) {
    EXPECT_EQ(format_date(Tr(Lang::El), kSaturday2230Utc), "Κυριακή, 22 Νοεμβρίου 2026");
    EXPECT_EQ(format_datetime(Tr(Lang::El), kSaturday2230Utc), "22/11/2026 00:30");
    EXPECT_EQ(format_datetime(Tr(Lang::En), kSaturday2230Utc), "22/11/2026, 00:30");
}

TEST(I18nDate, SummerTimeIsUtcPlusThree) {
    EXPECT_EQ(format_date(Tr(Lang::El), kSummer2130Utc), "Πέμπτη, 16 Ιουλίου 2026");
    EXPECT_EQ(format_date(Tr(Lang::En), kSummer2130Utc), "Thursday, 16 July 2026");
    EXPECT_EQ(format_datetime(Tr(Lang::El), kSummer2130Utc), "16/07/2026 00:30");
    EXPECT_EQ(format_datetime(Tr(Lang::El), kSummer2059Utc), "15/07/2026 23:59");
}

TEST(I18nDate, DateTime) {
    EXPECT_EQ(format_datetime(Tr(Lang::El), kSunday1045Utc), "22/11/2026 12:45");
    EXPECT_EQ(format_datetime(Tr(Lang::En), kSunday1045Utc), "22/11/2026, 12:45");
    EXPECT_EQ(format_datetime(Tr(Lang::El), 0), "01/01/1970 02:00");
}

// ---------------------------------------------------------------- numbers
TEST(I18nNumber, GroupingAndDecimalSeparators) {
    EXPECT_EQ(format_number(Tr(Lang::El), 1234.5, 1), "1.234,5");
    EXPECT_EQ(format_number(Tr(Lang::En), 1234.5, 1), "1,234.5");
    EXPECT_EQ(format_number(Tr(Lang::El), 1234567), "1.234.567");
    EXPECT_EQ(format_number(Tr(Lang::En), 0.5, 2), "0.50");
    EXPECT_EQ(format_number(Tr(Lang::El), -1234.25, 2), "-1.234,25");
}

TEST(I18nNumber, RoundsHalfUp) {
    EXPECT_EQ(format_number(Tr(Lang::En), 2.5), "3");
    EXPECT_EQ(format_number(Tr(Lang::En), 1234.45, 1), "1,234.5");
    EXPECT_EQ(format_number(Tr(Lang::El), 0.125, 2), "0,13");
}

// ---------------------------------------------------------------- collation
TEST(I18nCollate, GreekAlphabeticalOrder) {
    const Tr el(Lang::El);
    EXPECT_LT(collate(el, "Άλφα", "Βήτα"), 0);
    EXPECT_LT(collate(el, "άλφα", "Βήτα"), 0);
    EXPECT_GT(collate(el, "Ωμέγα", "Βήτα"), 0);
    EXPECT_EQ(collate(el, "Άλφα", "Άλφα"), 0);
    // In byte order Ά (U+0386) comes before α but Ω (U+03A9) before α too: collation fixes that.
    EXPECT_LT(collate(el, "αβγ", "Ωμέγα"), 0);
}

TEST(I18nCollate, AccentsAndCaseAreSecondary) {
    const Tr el(Lang::El);
    // Accent and case differences only break ties between the same letters…
    EXPECT_NE(collate(el, "αλφα", "Άλφα"), 0);
    // …and never outrank a letter difference.
    EXPECT_LT(collate(el, "Άλφα", "αλφβ"), 0);
    EXPECT_LT(collate(el, "ΑΛΦΑ", "άλφβ"), 0);
}

TEST(I18nCollate, SortsAList) {
    std::vector<std::string> v = {"Ζωγράφου", "άγιος Νικόλαος", "Βόλος", "Αθήνα", "Έδεσσα"};
    const Tr el(Lang::El);
    std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) { return collate(el, a, b) < 0; });
    // γ comes before θ, so "άγιος" precedes "Αθήνα" whatever the accent and case.
    EXPECT_EQ(v, (std::vector<std::string>{"άγιος Νικόλαος", "Αθήνα", "Βόλος", "Έδεσσα", "Ζωγράφου"}));
}

TEST(I18nCollate, EachLanguageOrdersScriptsItsOwnWay) {
    // Greek collation puts Greek letters before Latin ones; English the other way round.
    EXPECT_LT(collate(Tr(Lang::El), "Ωμέγα", "Alpha"), 0);
    EXPECT_GT(collate(Tr(Lang::En), "Ωμέγα", "Alpha"), 0);
}
