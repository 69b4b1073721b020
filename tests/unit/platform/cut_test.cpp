// Cutting UTF-8 at a limit never leaves half a letter: the kernel's one rule for search boxes,
// stored errors, file names, notifications and Open311's maxLength.
#include <gtest/gtest.h>

#include "platform/text/cut.hpp"
#include "platform/text/number.hpp"
#include "platform/text/text.hpp"

using namespace syn;

TEST(CutUtf8, KeepsWholeCharactersWithinTheByteLimit) {
    EXPECT_EQ(text::cut_utf8("λακκουβα", 16), "λακκουβα");  // exactly 16 bytes
    EXPECT_EQ(text::cut_utf8("λακκουβα", 15), "λακκουβ");   // not "λακκουβ\xCE"
    EXPECT_EQ(text::cut_utf8("λακκουβα", 1), "");
    EXPECT_EQ(text::cut_utf8("aλ", 2), "a");
    EXPECT_EQ(text::cut_utf8("€uro", 2), "");               // a three-byte letter
    EXPECT_EQ(text::cut_utf8("😀!", 3), "");                // a four-byte one
    EXPECT_EQ(text::cut_utf8("😀!", 4), "😀");
    EXPECT_EQ(text::cut_utf8("", 0), "");
    for (std::size_t n = 0; n <= 20; ++n) EXPECT_TRUE(text::valid_utf8_text(text::cut_utf8("Σύλλογος Γονέων", n))) << n;
}

TEST(CutUtf8, CountsCharactersNotBytes) {
    EXPECT_EQ(text::cut_utf8_chars("αβγδ", 2), "αβ");
    EXPECT_EQ(text::cut_utf8_chars("ab", 5), "ab");
    EXPECT_EQ(text::cut_utf8_chars("", 0), "");
    EXPECT_EQ(text::cut_utf8_chars("😀a€", 2), "😀a");
}

TEST(ParseNumbers, PlainDigitsForLinksAndWhatPeopleTypeForIds) {
    EXPECT_EQ(text::parse_int("12", 1, 100), 12);
    EXPECT_EQ(text::parse_int("-3", -5, 5), -3);
    for (const char* bad : {"", " 12", "12 ", "+12", "12abc", "1e3", "0x10", "١٢", "99999999999999999999"})
        EXPECT_FALSE(text::parse_int(bad, 0, text::kMaxId)) << bad;
    EXPECT_FALSE(text::parse_int("101", 1, 100));
    EXPECT_FALSE(text::parse_int("0", 1, 100));

    EXPECT_EQ(text::parse_id("12"), 12);
    EXPECT_EQ(text::parse_id(" 12 "), 12);
    EXPECT_EQ(text::parse_id("#12"), 12);
    for (const char* bad : {"", "#", "0", "-4", "#-4", "12a", "9007199254740992"}) EXPECT_FALSE(text::parse_id(bad)) << bad;
    EXPECT_EQ(text::parse_id("9007199254740991"), text::kMaxId);
}
