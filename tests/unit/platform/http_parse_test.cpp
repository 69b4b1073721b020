// Query, form, cookie and multipart parsing: the limits and the malformed inputs matter
// more than the happy path, since every one of these reads attacker-controlled bytes.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "platform/http/cookie.hpp"
#include "platform/http/form.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/percent.hpp"
#include "platform/http/query.hpp"

using namespace syn::http;

// ---------------------------------------------------------------- percent

TEST(Percent, DecodesEscapesInEitherCase) {
    EXPECT_EQ(percent_decode("a%20b%2fc%2F", false), "a b/c/");
    EXPECT_EQ(percent_decode("%CE%B1", false), "\xCE\xB1");
}

TEST(Percent, PlusIsSpaceOnlyWhenAsked) {
    EXPECT_EQ(percent_decode("a+b", true), "a b");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");
}

TEST(Percent, RejectsBadEscapes) {
    EXPECT_FALSE(percent_decode("%", false));
    EXPECT_FALSE(percent_decode("%4", false));
    EXPECT_FALSE(percent_decode("a%zz", false));
    EXPECT_FALSE(percent_decode("%G0", false));
    EXPECT_FALSE(percent_decode("abc%", true));
}

TEST(Percent, EncodeKeepsOnlyUnreserved) {
    EXPECT_EQ(percent_encode("Az09-._~"), "Az09-._~");
    EXPECT_EQ(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    std::string all;
    for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
    EXPECT_EQ(percent_decode(percent_encode(all), false), all);
}

TEST(Percent, Utf8Validation) {
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("Σύλλογος 😀"));
    EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(valid_utf8("\xCE"));              // truncated
    EXPECT_FALSE(valid_utf8("\x80"));              // lone continuation
    EXPECT_FALSE(valid_utf8("\xFF"));
}

// ---------------------------------------------------------------- query / form

TEST(Query, ParsesPairsInOrder) {
    auto p = parse_query("a=1&b=two+words&c=%CE%B1");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->items.size(), 3u);
    EXPECT_EQ(p->items[0], (std::pair<std::string, std::string>{"a", "1"}));
    EXPECT_EQ(p->value("b"), "two words");
    EXPECT_EQ(p->value("c"), "α");
}

TEST(Query, PlusSignsAndEncodedPlus) {
    auto p = parse_query("q=1+1%3D2&r=%2B&s=+");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->value("q"), "1 1=2");
    EXPECT_EQ(p->value("r"), "+");
    EXPECT_EQ(p->value("s"), " ");
}

TEST(Query, EmptyPairsSkippedAndBareKeys) {
    auto p = parse_query("&a=1&&b&c=&");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->items.size(), 3u);
    EXPECT_EQ(p->get("a"), "1");
    ASSERT_TRUE(p->get("b"));
    EXPECT_EQ(*p->get("b"), "");
    EXPECT_EQ(*p->get("c"), "");
    EXPECT_FALSE(p->get("d"));
    EXPECT_EQ(p->value("d"), "");
    EXPECT_TRUE(parse_query("")->items.empty());
}

TEST(Query, ValueMayContainEquals) {
    auto p = parse_query("token=abc==");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->value("token"), "abc==");
}

TEST(Query, RepeatedKeys) {
    auto p = parse_query("tag=a&x=1&tag=b&tag=c");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->get("tag"), "a");
    auto all = p->all("tag");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0], "a");
    EXPECT_EQ(all[1], "b");
    EXPECT_EQ(all[2], "c");
    EXPECT_TRUE(p->all("none").empty());
}

TEST(Query, BadEscapeRejectsWhole) {
    EXPECT_FALSE(parse_query("a=1&b=%ZZ"));
    EXPECT_FALSE(parse_query("a%=1"));
    EXPECT_FALSE(parse_query("a=%2"));
}

TEST(Query, InvalidUtf8RejectsWhole) {
    EXPECT_FALSE(parse_query("a=%C0%AF"));
    EXPECT_FALSE(parse_query("%FF=1"));
    EXPECT_FALSE(parse_query("a=\xFF"));  // raw, not escaped
    EXPECT_TRUE(parse_query("a=%CE%B1%CE%B2"));
}

TEST(Query, TooManyPairs) {
    ParamLimits limits;
    limits.max_pairs = 3;
    EXPECT_TRUE(parse_query("a=1&b=2&c=3", limits));
    EXPECT_TRUE(parse_query("a=1&&b=2&&c=3&", limits));  // empty pairs do not count
    EXPECT_FALSE(parse_query("a=1&b=2&c=3&d=4", limits));
    std::string many;
    for (int i = 0; i < 257; ++i) many += "k=v&";
    EXPECT_FALSE(parse_query(many));  // default limit is 256
}

TEST(Query, TooLongKeyOrValue) {
    ParamLimits limits;
    limits.max_key = 4;
    limits.max_value = 6;
    EXPECT_TRUE(parse_query("abcd=123456", limits));
    EXPECT_FALSE(parse_query("abcde=1", limits));
    EXPECT_FALSE(parse_query("a=1234567", limits));
    // The limit is on the decoded bytes: six escapes decode to six bytes and fit.
    EXPECT_TRUE(parse_query("a=%41%41%41%41%41%41", limits));
    EXPECT_FALSE(parse_query("a=%41%41%41%41%41%41%41", limits));
    EXPECT_FALSE(parse_query("a=" + std::string((1 << 20) + 1, 'x')));
}

TEST(Form, SameGrammarAsQuery) {
    auto f = parse_form("name=%CE%93%CE%B9%CF%8E%CF%81%CE%B3%CE%BF%CF%82+%CE%A0.&agree=on&agree=yes");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->value("name"), "Γιώργος Π.");
    EXPECT_EQ(f->all("agree").size(), 2u);
    EXPECT_FALSE(parse_form("a=%"));
    ParamLimits one;
    one.max_pairs = 1;
    EXPECT_FALSE(parse_form("a=1&b=2", one));
}

// ---------------------------------------------------------------- cookies

TEST(Cookie, ParsesWithSpacesAndQuotes) {
    auto c = parse_cookies("sid=abc123;  theme = dark ;lang=\"el\"; empty=");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 4u);
    EXPECT_EQ((*c)[0], (std::pair<std::string, std::string>{"sid", "abc123"}));
    EXPECT_EQ((*c)[1], (std::pair<std::string, std::string>{"theme", "dark"}));
    EXPECT_EQ((*c)[2], (std::pair<std::string, std::string>{"lang", "el"}));
    EXPECT_EQ((*c)[3], (std::pair<std::string, std::string>{"empty", ""}));
}

TEST(Cookie, InvalidPairsAreSkippedNotFatal) {
    auto c = parse_cookies("bad name=1; noequals; ok=1; q=\"unterminated; sp=a b; comma=a,b; =anon; ok2=2");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ((*c)[0].first, "ok");
    EXPECT_EQ((*c)[1].first, "ok2");
    EXPECT_TRUE(parse_cookies("")->empty());
    EXPECT_TRUE(parse_cookies(" ; ;")->empty());
}

TEST(Cookie, DuplicateNamesKeptInOrder) {
    auto c = parse_cookies("a=1; a=2");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ((*c)[1].second, "2");
    EXPECT_EQ(find_cookie("a=1; a=2", "a"), "1");
}

TEST(Cookie, TooMany) {
    EXPECT_TRUE(parse_cookies("a=1; b=2", 2));
    EXPECT_FALSE(parse_cookies("a=1; b=2; c=3", 2));
    EXPECT_TRUE(parse_cookies("a=1; junk; b=2", 2));  // skipped pairs do not count
}

TEST(Cookie, FindCookie) {
    std::string h = "x=1; session=\"tok-en.42\"; y=2";
    EXPECT_EQ(find_cookie(h, "session"), "tok-en.42");
    EXPECT_EQ(find_cookie(h, "y"), "2");
    EXPECT_FALSE(find_cookie(h, "sess"));
    EXPECT_FALSE(find_cookie(h, "Session"));  // names are case-sensitive
    EXPECT_FALSE(find_cookie("session=a b", "session"));
}

TEST(Cookie, SetCookieDefaults) {
    EXPECT_EQ(set_cookie("sid", "abc"), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
}

TEST(Cookie, SetCookieOptions) {
    CookieOptions o;
    o.path = "/admin";
    o.max_age = 3600;
    o.secure = true;
    o.http_only = false;
    o.same_site = "Strict";
    EXPECT_EQ(set_cookie("__Secure-t", "v", o), "__Secure-t=v; Path=/admin; Max-Age=3600; Secure; SameSite=Strict");
    CookieOptions del;
    del.max_age = -5;
    del.same_site = "";
    EXPECT_EQ(set_cookie("sid", "", del), "sid=; Path=/; Max-Age=0; HttpOnly");
}

TEST(Cookie, SetCookieRejectsWhatBrowsersWouldMangle) {
    EXPECT_THROW(set_cookie("", "v"), std::invalid_argument);
    EXPECT_THROW(set_cookie("a b", "v"), std::invalid_argument);
    EXPECT_THROW(set_cookie("a=b", "v"), std::invalid_argument);
    EXPECT_THROW(set_cookie("a", "v;Path=/x"), std::invalid_argument);
    EXPECT_THROW(set_cookie("a", "sp ace"), std::invalid_argument);
    EXPECT_THROW(set_cookie("a", "\"q\""), std::invalid_argument);
    EXPECT_THROW(set_cookie("a", "é"), std::invalid_argument);
    CookieOptions o;
    o.path = "/x;Domain=evil";
    EXPECT_THROW(set_cookie("a", "v", o), std::invalid_argument);
    o = {};
    o.same_site = "lax2";
    EXPECT_THROW(set_cookie("a", "v", o), std::invalid_argument);
    o = {};
    o.same_site = "None";
    EXPECT_THROW(set_cookie("a", "v", o), std::invalid_argument);
    o.secure = true;
    EXPECT_NO_THROW(set_cookie("a", "v", o));
    EXPECT_THROW(set_cookie("__Host-a", "v"), std::invalid_argument);
    o = {};
    o.secure = true;
    o.path = "/sub";
    EXPECT_THROW(set_cookie("__Host-a", "v", o), std::invalid_argument);
    o.path = "/";
    EXPECT_NO_THROW(set_cookie("__Host-a", "v", o));
}

// ---------------------------------------------------------------- multipart

namespace {
const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string field(const std::string& name, const std::string& value) {
    return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}
std::string closing() { return "--" + kBoundary + "--\r\n"; }
}  // namespace

TEST(Multipart, BoundaryFromContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\""), "a b:c");
    EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"x'()+_,-./:=?y\""), "x'()+_,-./:=?y");
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')), std::string(70, 'b'));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"\""));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"ends with space \""));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unterminated"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a; boundary=b"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a*b"));  // '*' is not a bchar
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
    EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc"));
    EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
    EXPECT_FALSE(multipart_boundary(""));
}

TEST(Multipart, TwoFieldsAndAFile) {
    const std::string png("\x89PNG\r\n\x1a\n\0\xff", 10);  // binary, with CR, LF and NUL
    std::string body = field("title", "Καθαρισμός παραλίας") + field("count", "12") + "--" + kBoundary +
                       "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"beach.png\"\r\n"
                       "Content-Type: image/png\r\n\r\n" +
                       png + "\r\n" + closing();
    auto r = parse_multipart(body, kBoundary);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.parts.size(), 3u);
    EXPECT_EQ(r.parts[0].name, "title");
    EXPECT_EQ(r.parts[0].data, "Καθαρισμός παραλίας");
    EXPECT_FALSE(r.parts[0].filename);
    EXPECT_EQ(r.parts[0].content_type, "text/plain");
    EXPECT_EQ(r.parts[1].data, "12");
    EXPECT_EQ(r.parts[2].name, "photo");
    EXPECT_EQ(r.parts[2].filename, "beach.png");
    EXPECT_EQ(r.parts[2].content_type, "image/png");
    EXPECT_EQ(r.parts[2].data, png);

    Params fields = fields_of(r.parts);
    ASSERT_EQ(fields.items.size(), 2u);
    EXPECT_EQ(fields.value("title"), "Καθαρισμός παραλίας");
    EXPECT_EQ(fields.value("count"), "12");
    EXPECT_FALSE(fields.get("photo"));
}

TEST(Multipart, CrlfBeforeDelimiterBelongsToIt) {
    // Data may contain and end with line breaks; only the one CRLF before the delimiter goes.
    std::string body = field("text", "line1\r\nline2\r\n") + field("empty", "") + closing();
    auto r = parse_multipart(body, kBoundary);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.parts.size(), 2u);
    EXPECT_EQ(r.parts[0].data, "line1\r\nline2\r\n");
    EXPECT_EQ(r.parts[1].data, "");
}

TEST(Multipart, BareLfIsNotALineEnd) {
    std::string body = "--" + kBoundary + "\nContent-Disposition: form-data; name=\"a\"\n\nv\n--" + kBoundary + "--\n";
    EXPECT_FALSE(parse_multipart(body, kBoundary).ok());
    std::string headers_lf =
        "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\n\nv\r\n--" + kBoundary + "--\r\n";
    EXPECT_FALSE(parse_multipart(headers_lf, kBoundary).ok());
}

TEST(Multipart, BoundaryLookalikeInDataIsData) {
    std::string value = "x\r\n--" + kBoundary + "XYZ\r\ny";
    auto r = parse_multipart(field("a", value) + closing(), kBoundary);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].data, value);
}

TEST(Multipart, TransportPaddingAfterBoundary) {
    std::string body = "--" + kBoundary + " \t\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--" + kBoundary +
                       "--";
    auto r = parse_multipart(body, kBoundary);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].name, "a");
    EXPECT_EQ(r.parts[0].data, "v");
}

TEST(Multipart, MissingClosingBoundary) {
    auto r = parse_multipart(field("a", "1") + field("b", "2"), kBoundary);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error, "missing closing boundary");
    EXPECT_TRUE(r.parts.empty());
    // Cut off in the middle of a part.
    std::string cut = field("a", "1") + "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nhal";
    EXPECT_EQ(parse_multipart(cut, kBoundary).error, "missing closing boundary");
}

TEST(Multipart, MissingOpeningBoundary) {
    EXPECT_EQ(parse_multipart("no boundary here", kBoundary).error, "missing opening boundary");
    EXPECT_EQ(parse_multipart("", kBoundary).error, "missing opening boundary");
    EXPECT_FALSE(parse_multipart(field("a", "1") + closing(), "other").ok());
}

TEST(Multipart, PreambleAndEpilogueIgnored) {
    std::string body = "This is the preamble.\r\nIt is ignored.\r\n" + field("a", "1") + "--" + kBoundary +
                       "--\r\nThis is the epilogue, also with --" + kBoundary + "\r\n in it.";
    auto r = parse_multipart(body, kBoundary);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].data, "1");
}

TEST(Multipart, NoPartsIsOk) {
    auto r = parse_multipart(closing(), kBoundary);
    EXPECT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(r.parts.empty());
}

TEST(Multipart, PartOverLimit) {
    MultipartLimits limits;
    limits.max_part_bytes = 5;
    EXPECT_TRUE(parse_multipart(field("a", "12345") + closing(), kBoundary, limits).ok());
    auto r = parse_multipart(field("a", "123456") + closing(), kBoundary, limits);
    EXPECT_EQ(r.error, "part too large");
    EXPECT_TRUE(r.parts.empty());
}

TEST(Multipart, HeadersOverLimit) {
    MultipartLimits limits;
    limits.max_header_bytes = 64;
    std::string body = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                       std::string(100, 'p') + "\r\n\r\nv\r\n" + closing();
    EXPECT_EQ(parse_multipart(body, kBoundary, limits).error, "part headers too large");
    EXPECT_TRUE(parse_multipart(body, kBoundary).ok());
}

TEST(Multipart, TooManyParts) {
    MultipartLimits limits;
    limits.max_parts = 2;
    EXPECT_TRUE(parse_multipart(field("a", "1") + field("b", "2") + closing(), kBoundary, limits).ok());
    auto r = parse_multipart(field("a", "1") + field("b", "2") + field("c", "3") + closing(), kBoundary, limits);
    EXPECT_EQ(r.error, "too many parts");
}

TEST(Multipart, BoundaryQuotedInContentTypeEndToEnd) {
    std::string ct = "multipart/form-data; boundary=\"simple boundary:42\"";
    auto b = multipart_boundary(ct);
    ASSERT_TRUE(b);
    std::string body = "--simple boundary:42\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nok\r\n"
                       "--simple boundary:42--\r\n";
    auto r = parse_multipart(body, *b);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(fields_of(r.parts).value("q"), "ok");
}

TEST(Multipart, ContentDispositionDetails) {
    auto one = [](const std::string& disposition) {
        std::string body = "--b\r\nContent-Disposition: " + disposition + "\r\n\r\nv\r\n--b--";
        return parse_multipart(body, "b");
    };
    auto r = one("form-data; name=\"a\\\"b\"; filename=\"C:\\dir\\x.txt\"");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.parts[0].name, "a\"b");
    EXPECT_EQ(r.parts[0].filename, "C:\\dir\\x.txt");  // a lone backslash is kept (browsers send it raw)
    r = one("FORM-DATA; NAME=plain; filename=\"\"");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.parts[0].name, "plain");
    EXPECT_EQ(r.parts[0].filename, "");  // a file input with nothing chosen
    EXPECT_EQ(one("form-data; name=\"α\"").parts.at(0).name, "α");

    EXPECT_EQ(one("form-data").error, "part without a name");
    EXPECT_EQ(one("form-data; name=\"\"").error, "part without a name");
    EXPECT_EQ(one("attachment; name=\"a\"").error, "malformed Content-Disposition");
    EXPECT_EQ(one("form-data; name=\"a\"; name=\"b\"").error, "malformed Content-Disposition");
    EXPECT_EQ(one("form-data; name=\"a\"; filename=\"x\"; filename=\"y\"").error, "malformed Content-Disposition");
    EXPECT_EQ(one("form-data; name=\"a").error, "malformed Content-Disposition");
    EXPECT_EQ(one("form-data; name=\"\xFF\"").error, "part name is not valid UTF-8");
    EXPECT_EQ(one("form-data; name=a; filename=\"\xC0\xAF\"").error, "filename is not valid UTF-8");
}

TEST(Multipart, MalformedHeaders) {
    auto with_headers = [](const std::string& headers) {
        return parse_multipart("--b\r\n" + headers + "\r\n\r\nv\r\n--b--", "b");
    };
    EXPECT_EQ(with_headers("Content-Type: text/plain").error, "missing Content-Disposition");
    EXPECT_EQ(with_headers("Content-Disposition: form-data; name=a\r\n folded").error, "malformed part headers");
    EXPECT_EQ(with_headers("Content-Disposition: form-data; name=a\r\nNo colon").error, "malformed part headers");
    EXPECT_EQ(with_headers("Content-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b").error,
              "repeated Content-Disposition");
    EXPECT_EQ(with_headers("Content-Disposition: form-data; name=a\r\nX: a\x01" "b").error, "malformed part headers");
    EXPECT_EQ(parse_multipart("--b\r\n\r\nv\r\n--b--", "b").error, "missing Content-Disposition");
    auto ok = with_headers("content-disposition: form-data; name=a\r\nX-Other: ignored\r\nCONTENT-TYPE: text/csv");
    ASSERT_TRUE(ok.ok()) << ok.error;
    EXPECT_EQ(ok.parts[0].content_type, "text/csv");
}

TEST(Multipart, TextFieldMustBeUtf8ButFileNeedNot) {
    std::string bad = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n\xFF\r\n--b--";
    EXPECT_EQ(parse_multipart(bad, "b").error, "field is not valid UTF-8");
    std::string file = "--b\r\nContent-Disposition: form-data; name=a; filename=x.bin\r\n\r\n\xFF\r\n--b--";
    EXPECT_TRUE(parse_multipart(file, "b").ok());
}

TEST(Multipart, InvalidBoundaryArgument) {
    EXPECT_EQ(parse_multipart("--\r\n", "").error, "invalid boundary");
    EXPECT_EQ(parse_multipart("x", std::string(71, 'a')).error, "invalid boundary");
}
