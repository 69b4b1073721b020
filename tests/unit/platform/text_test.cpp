// Known values for platform/text. Each expectation is a fact about Greek text or Greek
// identifiers, checked by hand or with an independent computation, never copied from output.
#include "platform/text/text.hpp"

#include <gtest/gtest.h>

using namespace syn::text;

// ---------------------------------------------------------------- fold
TEST(TextFold, GreekAccentsCaseAndFinalSigma) {
    EXPECT_EQ(fold("Σύλλογος  Γονέων"), "συλλογοσ γονεων");
    EXPECT_EQ(fold("ΚΑΛΑΜΆΤΑ"), "καλαματα");
    EXPECT_EQ(fold("Ϊ ΰ ΐ"), "ι υ ι");  // dialytika with and without tonos
}

TEST(TextFold, SameKeyWhateverTheUserTyped) {
    // Precomposed ά (U+03AC) and α + combining acute (U+0301) fold to the same key.
    EXPECT_EQ(fold("\xCE\xAC"), fold("\xCE\xB1\xCC\x81"));
    EXPECT_EQ(fold("Δήμος"), fold("ΔΗΜΟΣ"));
    EXPECT_EQ(fold("δημος"), fold("Δήμος"));
}

TEST(TextFold, LatinIsFoldedToo) {
    EXPECT_EQ(fold("Café Straße"), "cafe strasse");
}

TEST(TextFold, WhiteSpaceCollapsedAndTrimmed) {
    EXPECT_EQ(fold("  a\t\n b\xC2\xA0 c  "), "a b c");  // includes a no-break space
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold("   "), "");
}

TEST(TextFold, InvalidBytesDropped) {
    EXPECT_EQ(fold("ab\xFF" "c"), "abc");
    EXPECT_EQ(fold("\xC0\xAF" "x"), "x");  // overlong '/'
    EXPECT_EQ(fold("\xED\xA0\x80" "y"), "y");  // encoded surrogate
}

TEST(TextFold, Idempotent) {
    const std::string once = fold("Ο Σύλλογος Ταΰγετος  ﬁ");
    EXPECT_EQ(fold(once), once);
}

// ---------------------------------------------------------------- transliterate, slug
TEST(TextTransliterate, KnownWords) {
    EXPECT_EQ(transliterate("συλλογοσ γονεων"), "syllogos goneon");
    EXPECT_EQ(transliterate("καλαματα"), "kalamata");
    EXPECT_EQ(transliterate("ψ"), "ps");
    EXPECT_EQ(transliterate("ξ"), "x");
    EXPECT_EQ(transliterate("θ"), "th");
    EXPECT_EQ(transliterate("χ"), "ch");
    EXPECT_EQ(transliterate("ου"), "ou");
    EXPECT_EQ(transliterate("αυτοσ ευβοια"), "avtos evvoia");
    EXPECT_EQ(transliterate("ουρανουπολη"), "ouranoupoli");
    EXPECT_EQ(transliterate("μπαμπησ"), "mpampis");  // no μπ→b, on purpose
}

TEST(TextTransliterate, EveryLetterOfTheMap) {
    EXPECT_EQ(transliterate("αβγδεζηθικλμνξοπρστυφχψω"), "avgdezithiklmnxoprstyfchpso");
}

TEST(TextTransliterate, FoldsRawInputAndKeepsOtherCharacters) {
    EXPECT_EQ(transliterate("Σύλλογος Γονέων"), "syllogos goneon");
    EXPECT_EQ(transliterate("ΟΥ"), "ou");
    // NFD (rule 9), not NFKD: compatibility characters such as № stay as they are.
    EXPECT_EQ(transliterate("οδός 25ης Μαρτίου, №3"), "odos 25is martiou, №3");
}

TEST(TextSlug, Examples) {
    EXPECT_EQ(slug("Δήμος Καλαμάτας"), "dimos-kalamatas");
    EXPECT_EQ(slug("  Σύλλογος -- Γονέων & Κηδεμόνων!  "), "syllogos-goneon-kidemonon");
    EXPECT_EQ(slug("Café 2026"), "cafe-2026");
    EXPECT_EQ(slug("!!!"), "");
    EXPECT_EQ(slug("日本"), "");  // scripts we do not transliterate disappear
}

TEST(TextSlug, MaxLengthNeverEndsInDash) {
    EXPECT_EQ(slug("Δήμος Καλαμάτας", 5), "dimos");
    EXPECT_EQ(slug("Δήμος Καλαμάτας", 6), "dimos");  // "dimos-" would end in a dash
    EXPECT_EQ(slug("Δήμος Καλαμάτας", 7), "dimos-k");
    EXPECT_EQ(slug("abc", 0), "");
    const std::string longest = slug(std::string(200, 'a'));
    EXPECT_EQ(longest.size(), 80u);
}

// ---------------------------------------------------------------- ΑΦΜ
TEST(TextAfm, ValidNumbers) {
    EXPECT_TRUE(valid_afm("090000045"));  // ΔΕΗ
    EXPECT_TRUE(valid_afm("094014201"));
    EXPECT_TRUE(valid_afm("123456783"));
    EXPECT_TRUE(valid_afm("100000090"));  // sum mod 11 is 10, so the check digit is 0
}

TEST(TextAfm, InvalidNumbers) {
    EXPECT_FALSE(valid_afm("090000046"));  // wrong check digit
    EXPECT_FALSE(valid_afm("123456789"));
    EXPECT_FALSE(valid_afm("09000004"));   // 8 digits
    EXPECT_FALSE(valid_afm("0900000450"));  // 10 digits
    EXPECT_FALSE(valid_afm("09000004A"));
    EXPECT_FALSE(valid_afm("ABCDEFGHI"));
    EXPECT_FALSE(valid_afm("000000000"));
    EXPECT_FALSE(valid_afm(" 090000045"));
    EXPECT_FALSE(valid_afm(""));
}

// ---------------------------------------------------------------- ΑΜΚΑ
TEST(TextAmka, ValidNumbers) {
    EXPECT_TRUE(valid_amka("01018012342"));
    EXPECT_TRUE(valid_amka("31129911116"));
    EXPECT_TRUE(valid_amka("29020012349"));  // 29 Feb 2000
    EXPECT_TRUE(valid_amka("15038500078"));
}

TEST(TextAmka, InvalidNumbers) {
    EXPECT_FALSE(valid_amka("01018012343"));  // Luhn fails
    EXPECT_FALSE(valid_amka("29020112347"));  // Luhn passes, but 29 Feb 2001/1901 never was
    EXPECT_FALSE(valid_amka("31049012342"));  // Luhn passes, 31 April
    EXPECT_FALSE(valid_amka("00139012348"));  // Luhn passes, day 0 month 13
    EXPECT_FALSE(valid_amka("0101801234"));   // 10 digits
    EXPECT_FALSE(valid_amka("0101801234A"));
    EXPECT_FALSE(valid_amka(""));
}

// ---------------------------------------------------------------- phones
TEST(TextPhone, Valid) {
    EXPECT_TRUE(valid_greek_phone("2721012345"));
    EXPECT_TRUE(valid_greek_phone("+30 6912345678"));
    EXPECT_TRUE(valid_greek_phone("0030 210 1234567"));
    EXPECT_TRUE(valid_greek_phone("69-1234-5678"));
    EXPECT_TRUE(valid_greek_phone("+302101234567"));
    EXPECT_TRUE(valid_greek_phone("210.123.4567"));
}

TEST(TextPhone, Invalid) {
    EXPECT_FALSE(valid_greek_phone("1234567890"));
    EXPECT_FALSE(valid_greek_phone("691234567"));
    EXPECT_FALSE(valid_greek_phone("+44 2071234567"));
    EXPECT_FALSE(valid_greek_phone("6812345678"));     // 68 is not a mobile prefix
    EXPECT_FALSE(valid_greek_phone("69123456789"));    // 11 digits
    EXPECT_FALSE(valid_greek_phone("69--12345678"));   // doubled separator
    EXPECT_FALSE(valid_greek_phone("6912345678-"));    // trailing separator
    EXPECT_FALSE(valid_greek_phone("+30 69123x5678"));
    EXPECT_FALSE(valid_greek_phone(""));
    EXPECT_FALSE(valid_greek_phone("+30"));
}

TEST(TextPhone, Normalised) {
    EXPECT_EQ(normalise_greek_phone("0030 210 1234567"), "+302101234567");
    EXPECT_EQ(normalise_greek_phone("69-1234-5678"), "+306912345678");
    EXPECT_EQ(normalise_greek_phone("+30 6912345678"), "+306912345678");
    EXPECT_EQ(normalise_greek_phone("1234567890"), "");
}

// ---------------------------------------------------------------- postal codes
TEST(TextPostal, ValidAndInvalid) {
    EXPECT_TRUE(valid_postal_code("24100"));
    EXPECT_TRUE(valid_postal_code("241 00"));
    EXPECT_TRUE(valid_postal_code("10558"));
    EXPECT_TRUE(valid_postal_code("85100"));
    EXPECT_FALSE(valid_postal_code("04100"));
    EXPECT_FALSE(valid_postal_code("94100"));
    EXPECT_FALSE(valid_postal_code("2410"));
    EXPECT_FALSE(valid_postal_code("ABCDE"));
    EXPECT_FALSE(valid_postal_code("2410 0"));
    EXPECT_FALSE(valid_postal_code("241-00"));
    EXPECT_FALSE(valid_postal_code("241000"));
}

// ---------------------------------------------------------------- UTF-8, trim, e-mail
TEST(TextUtf8, ValidText) {
    EXPECT_TRUE(valid_utf8_text("Καλημέρα\n\tκόσμε\r\n"));
    EXPECT_TRUE(valid_utf8_text(""));
    EXPECT_TRUE(valid_utf8_text("👩\u200D👩"));  // ZWJ is a format character, allowed
    EXPECT_FALSE(valid_utf8_text(std::string_view("a\0b", 3)));
    EXPECT_FALSE(valid_utf8_text("bell\x07"));
    EXPECT_FALSE(valid_utf8_text("del\x7F"));
    EXPECT_FALSE(valid_utf8_text("c1\xC2\x85"));  // U+0085, a C1 control
    EXPECT_FALSE(valid_utf8_text("\xFF"));
    EXPECT_FALSE(valid_utf8_text("\xCE"));  // truncated sequence
    EXPECT_FALSE(valid_utf8_text("\xC0\xAF"));  // overlong
    EXPECT_FALSE(valid_utf8_text("\xED\xA0\x80"));  // surrogate
}

TEST(TextTrim, AsciiAndUnicodeSpace) {
    EXPECT_EQ(trim("  abc \t\n"), "abc");
    EXPECT_EQ(trim("\xC2\xA0\xE2\x80\x83Δήμος\xE3\x80\x80"), "Δήμος");  // NBSP, em space, ideographic
    EXPECT_EQ(trim("a  b"), "a  b");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \xFF "), "\xFF");  // an invalid byte is content, kept as is
}

TEST(TextEmail, Plausible) {
    EXPECT_TRUE(valid_email("maria@example.gr"));
    EXPECT_TRUE(valid_email("first.last+tag@sub.dimos.gov.gr"));
    EXPECT_TRUE(valid_email("μαρία@παράδειγμα.ελ"));
}

TEST(TextEmail, Implausible) {
    EXPECT_FALSE(valid_email("maria.example.gr"));
    EXPECT_FALSE(valid_email("maria@@example.gr"));
    EXPECT_FALSE(valid_email("a@b@example.gr"));
    EXPECT_FALSE(valid_email("@example.gr"));
    EXPECT_FALSE(valid_email("maria@"));
    EXPECT_FALSE(valid_email("maria@localhost"));
    EXPECT_FALSE(valid_email("maria@.example.gr"));
    EXPECT_FALSE(valid_email("maria@example.gr."));
    EXPECT_FALSE(valid_email("maria@example..gr"));
    EXPECT_FALSE(valid_email("maria @example.gr"));
    EXPECT_FALSE(valid_email("maria@example.gr\r\nBcc: x@y.z"));
    EXPECT_FALSE(valid_email("<maria@example.gr>"));
    EXPECT_FALSE(valid_email(std::string(64, 'a') + "x@example.gr"));  // local part > 64
    EXPECT_FALSE(valid_email("a@" + std::string(250, 'b') + ".gr"));  // > 254 bytes
}

TEST(TextCharacters, CountsCodePointsNotBytes) {
    EXPECT_EQ(syn::text::characters(""), 0u);
    EXPECT_EQ(syn::text::characters("abcde"), 5u);
    EXPECT_EQ(syn::text::characters("αβγδε"), 5u);        // 10 bytes
    EXPECT_EQ(syn::text::characters("Σύλλογος 😀"), 10u);  // accents precomposed; emoji is one
}
