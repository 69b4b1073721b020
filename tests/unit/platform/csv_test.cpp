// CSV reading and writing: RFC 4180, what Excel writes on Greek Windows, and the formula guard.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/text/csv.hpp"

using namespace syn::text::csv;

namespace {

using Fields = std::vector<std::string>;

Fields fields(const ParseResult& r, std::size_t i) { return r.records.at(i).fields; }

}  // namespace

TEST(Csv, SimpleRecordsWithLf) {
    auto r = parse("a,b,c\n1,2,3\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(fields(r, 0), (Fields{"a", "b", "c"}));
    EXPECT_EQ(fields(r, 1), (Fields{"1", "2", "3"}));
    EXPECT_EQ(r.records[0].line, 1u);
    EXPECT_EQ(r.records[1].line, 2u);
}

TEST(Csv, CrLfAndNoFinalLineBreak) {
    auto r = parse("a,b\r\n1,2");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(fields(r, 1), (Fields{"1", "2"}));
}

TEST(Csv, LoneCrEndsALine) {
    auto r = parse("a,b\r1,2\r");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[1].line, 2u);
}

TEST(Csv, QuotedFieldsWithDelimiterAndEscapedQuotes) {
    auto r = parse("name,note\n\"Σύλλογος, Καλαμάτα\",\"Είπε \"\"ναι\"\"\"\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 1), (Fields{"Σύλλογος, Καλαμάτα", "Είπε \"ναι\""}));
}

TEST(Csv, EmbeddedNewlinesKeepLineNumbersRight) {
    // The second record spans lines 2–4; the third starts on line 5.
    auto r = parse("a,b\r\n\"one\r\ntwo\nthree\",x\r\nlast,y\r\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_EQ(fields(r, 1)[0], "one\ntwo\nthree");  // CRLF inside quotes becomes LF
    EXPECT_EQ(r.records[1].line, 2u);
    EXPECT_EQ(r.records[2].line, 5u);
}

TEST(Csv, EmptyFieldsAndTrailingDelimiter) {
    auto r = parse("a,,c,\n,,,\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 0), (Fields{"a", "", "c", ""}));
    EXPECT_EQ(fields(r, 1), (Fields{"", "", "", ""}));
    auto eof = parse("a,b,");
    ASSERT_TRUE(eof.ok());
    EXPECT_EQ(fields(eof, 0), (Fields{"a", "b", ""}));
}

TEST(Csv, EmptyLinesAreSkippedButCounted) {
    auto r = parse("a\n\n\nb\n\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[1].line, 4u);
}

TEST(Csv, EmptyQuotedFieldIsARecord) {
    auto r = parse("a\n\"\"\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(fields(r, 1), (Fields{""}));
}

TEST(Csv, ByteOrderMarkIsDropped) {
    auto r = parse("\xEF\xBB\xBF" "official_name;kind\nΑ;association\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 0)[0], "official_name");
    EXPECT_EQ(r.delimiter, ';');
}

TEST(Csv, DetectsTheDelimiterFromTheHeaderLine) {
    EXPECT_EQ(detect_delimiter("a;b;c\n1,5;2,5;3\n"), ';');
    EXPECT_EQ(detect_delimiter("a,b,c\n1;2\n"), ',');
    EXPECT_EQ(detect_delimiter("a\tb\tc\n"), '\t');
    EXPECT_EQ(detect_delimiter("only\n"), ',');
    // Delimiters inside quotes do not count.
    EXPECT_EQ(detect_delimiter("\"a;b;c;d\",e,f\n"), ',');
    auto r = parse("a;b\n\"1,5\";2\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 1), (Fields{"1,5", "2"}));
}

TEST(Csv, ExplicitDelimiterWins) {
    ParseOptions o;
    o.delimiter = ';';
    auto r = parse("a,b;c\n", o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 0), (Fields{"a,b", "c"}));
}

TEST(Csv, QuoteInsideAnUnquotedFieldIsLiteral) {
    auto r = parse("a,5\" screen,b\n");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(fields(r, 0), (Fields{"a", "5\" screen", "b"}));
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereItOpened) {
    auto r = parse("a,b\n1,2\n3,\"open\nstill open\n");
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error, Error::UnterminatedQuote);
    EXPECT_EQ(r.error_line, 3u);
    EXPECT_TRUE(r.records.empty());
}

TEST(Csv, TextAfterAClosingQuoteIsAnError) {
    auto r = parse("a,b\n\"x\"y,2\n");
    EXPECT_EQ(r.error, Error::TextAfterQuote);
    EXPECT_EQ(r.error_line, 2u);
}

TEST(Csv, Limits) {
    ParseOptions o;
    o.max_records = 2;
    EXPECT_EQ(parse("a\nb\nc\n", o).error, Error::TooManyRecords);
    EXPECT_TRUE(parse("a\nb\n", o).ok());
    ParseOptions f;
    f.max_field_bytes = 4;
    EXPECT_EQ(parse("abcde\n", f).error, Error::FieldTooLong);
    EXPECT_EQ(parse("\"abcde\"\n", f).error, Error::FieldTooLong);
    // Found by fuzz_csv: escaped quotes and line breaks inside quotes count towards the limit.
    EXPECT_EQ(parse("\"\"\"\"\"\"\"\"\"\"\"\"\n", f).error, Error::FieldTooLong);  // five escaped quotes
    EXPECT_EQ(parse("\"\r\r\r\r\r\"\n", f).error, Error::FieldTooLong);
    EXPECT_TRUE(parse("\"\"\"\"\"\"\"\"\"\"\n", f).ok());  // four escaped quotes: at the limit
}

TEST(Csv, EmptyText) {
    auto r = parse("");
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.records.empty());
    EXPECT_TRUE(parse("\xEF\xBB\xBF").records.empty());
}

TEST(Csv, ToUtf8KeepsUtf8AndReadsWindows1253) {
    EXPECT_EQ(to_utf8("Σύλλογος"), std::optional<std::string>("Σύλλογος"));
    // "Σύλλογος Άρης" as Excel saves it on Greek Windows (code page 1253).
    const std::string cp1253 = "\xD3\xFD\xEB\xEB\xEF\xE3\xEF\xF2 \xA2\xF1\xE7\xF2";
    EXPECT_EQ(to_utf8(cp1253), std::optional<std::string>("Σύλλογος Άρης"));
    EXPECT_EQ(to_utf8("\x80"), std::optional<std::string>("€"));
    // 0xD2 and 0xFF are undefined in Windows-1253.
    EXPECT_EQ(to_utf8("\xD2"), std::nullopt);
    EXPECT_EQ(to_utf8("ok \xFF"), std::nullopt);
    // A cut-off UTF-8 sequence is not UTF-8 (and 0xCE alone is 'Ξ' in 1253).
    EXPECT_EQ(to_utf8("\xCE"), std::optional<std::string>("Ξ"));
}

TEST(CsvWrite, QuotesOnlyWhenNeeded) {
    WriteOptions o;
    EXPECT_EQ(cell("plain", o), "plain");
    EXPECT_EQ(cell("", o), "");
    EXPECT_EQ(cell("a,b", o), "\"a,b\"");
    EXPECT_EQ(cell("say \"hi\"", o), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(cell("two\nlines", o), "\"two\nlines\"");
    EXPECT_EQ(cell(" padded", o), "\" padded\"");
    EXPECT_EQ(cell("a;b", o), "a;b");
    o.delimiter = ';';
    EXPECT_EQ(cell("a;b", o), "\"a;b\"");
    EXPECT_EQ(cell("a,b", o), "a,b");
}

TEST(CsvWrite, FormulaGuard) {
    WriteOptions o;
    EXPECT_EQ(cell("=HYPERLINK(\"http://evil\")", o), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
    EXPECT_EQ(cell("+302721012345", o), "'+302721012345");
    EXPECT_EQ(cell("-1", o), "'-1");
    EXPECT_EQ(cell("@SUM(A1)", o), "'@SUM(A1)");
    EXPECT_EQ(cell("\tcmd", o), "'\tcmd");
    EXPECT_EQ(cell("a=b", o), "a=b");
    o.formula_guard = false;
    EXPECT_EQ(cell("=1+1", o), "=1+1");
}

TEST(CsvWrite, RowsRoundTrip) {
    const std::vector<std::string> values{"Σύλλογος \"Η Ελπίδα\"", "a,b", "line1\nline2", "", "x"};
    WriteOptions o;
    o.formula_guard = false;
    const auto text = row(values, o) + row(values, o);
    EXPECT_TRUE(text.ends_with("\r\n"));
    auto r = parse(text);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[0].fields, values);
    EXPECT_EQ(r.records[1].line, 3u);  // the first record took two lines
}
