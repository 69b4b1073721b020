// platform/html/markdown: user Markdown rendered by cmark-gfm in safe mode, checked as text for
// what must never come out (tags, script links) and for what our pages need.
#include "platform/html/markdown.hpp"

#include <gtest/gtest.h>

#include <string>

using syn::html::markdown_to_plain_text;
using syn::html::render_markdown;

namespace {
std::string md(std::string_view s) { return render_markdown(s).str(); }
bool has(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }
}  // namespace

TEST(Markdown, RendersEmphasisLinksAndLists) {
    EXPECT_EQ(md("**bold** and *soft*"), "<p><strong>bold</strong> and <em>soft</em></p>\n");
    EXPECT_EQ(md("[Δήμος](https://example.gov.gr/a?b=1&c=2)"),
              "<p><a href=\"https://example.gov.gr/a?b=1&amp;c=2\">Δήμος</a></p>\n");
    EXPECT_TRUE(has(md("- one\n- two\n"), "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
    EXPECT_EQ(md("1 < 2 & \"quotes\""), "<p>1 &lt; 2 &amp; &quot;quotes&quot;</p>\n");
}

TEST(Markdown, NeverEmitsRawHtml) {
    for (const char* evil : {"<script>alert(1)</script>", "hello <script>alert(1)</script> world",
                             "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
                             "<iframe src=\"https://evil.example\"></iframe>", "<div onclick=\"alert(1)\">hi</div>"}) {
        const std::string out = md(evil);
        EXPECT_FALSE(has(out, "<script")) << out;
        EXPECT_FALSE(has(out, "<img")) << out;
        EXPECT_FALSE(has(out, "<iframe")) << out;
        EXPECT_FALSE(has(out, "<div")) << out;
        EXPECT_FALSE(has(out, "onerror=")) << out;
        EXPECT_FALSE(has(out, "javascript:")) << out;
    }
}

TEST(Markdown, DropsScriptLinks) {
    for (const char* evil : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox(1))",
                             "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                             "[x]: javascript:alert(1)\n\n[x]", "<javascript:alert(1)>",
                             "[x](data:image/png;base64,iVBORw0KGgo=)", "[x](DATA:image/gif;base64,R0lGOD)"}) {
        const std::string out = md(evil);
        EXPECT_FALSE(has(out, "href=\"javascript")) << out;
        EXPECT_FALSE(has(out, "href=\"JaVaScRiPt")) << out;
        EXPECT_FALSE(has(out, "href=\"vbscript")) << out;
        EXPECT_FALSE(has(out, "href=\"data:")) << out;
        EXPECT_FALSE(has(out, "href=\"DATA:")) << out;
    }
    EXPECT_EQ(md("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
}

TEST(Markdown, GitHubExtensions) {
    EXPECT_TRUE(has(md("see www.example.org"), "<a href=\"http://www.example.org\">www.example.org</a>"));
    EXPECT_TRUE(has(md("~~old~~ new"), "<del>old</del> new"));
    EXPECT_FALSE(has(md("from ~5 to ~10 people"), "<del>"));
    const std::string table = md("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    EXPECT_TRUE(has(table, "<table>")) << table;
    EXPECT_TRUE(has(table, "<th>a</th>")) << table;
    EXPECT_FALSE(has(table, "align=")) << table;
    EXPECT_FALSE(has(table, "style=")) << table;
}

TEST(Markdown, FitsInsideOurPages) {
    EXPECT_EQ(md("# Title\n## Sub\n###### Deep"), "<h3>Title</h3>\n<h4>Sub</h4>\n<h6>Deep</h6>\n");
    EXPECT_EQ(md("#\n\ntext"), "<p>text</p>\n");
    // Images are links to the picture, never loaded from another site.
    EXPECT_EQ(md("![Η αφίσα](https://example.org/a.png)"),
              "<p><a href=\"https://example.org/a.png\">Η αφίσα</a></p>\n");
    EXPECT_EQ(md("![](https://example.org/a.png)"),
              "<p><a href=\"https://example.org/a.png\">https://example.org/a.png</a></p>\n");
    EXPECT_EQ(md("[![logo](https://example.org/l.png)](https://example.org)"),
              "<p><a href=\"https://example.org\">logo</a></p>\n");
    EXPECT_EQ(md("![pic](data:image/png;base64,iVBORw0KGgo=)"), "<p>pic</p>\n");
    EXPECT_EQ(md("![see [docs](https://example.org/d)](https://example.org/a.png)"),
              "<p>see <a href=\"https://example.org/d\">docs</a></p>\n");
    EXPECT_EQ(md("[](https://example.org)"), "<p><a href=\"https://example.org\">https://example.org</a></p>\n");
    EXPECT_EQ(md("a [](javascript:alert(1)) [](/x) b"), "<p>a   b</p>\n");
    // Invalid UTF-8 cannot reach the page.
    EXPECT_EQ(md("a\xff" "b"), "<p>a\xEF\xBF\xBD" "b</p>\n");
    EXPECT_EQ(md(""), "");
}

TEST(Markdown, PlainTextDropsMarkupAndCollapsesSpace) {
    EXPECT_EQ(markdown_to_plain_text("# Title\n\nSome **bold**  text\nand [a link](https://x.org).\n\n"
                                     "- one\n- two\n\n<script>alert(1)</script>\n\nend <b>raw</b>",
                                     500),
              "Title Some bold text and a link. one two end raw");
    EXPECT_EQ(markdown_to_plain_text("`code` and\n\n```\nblock\n```\n", 100), "code and block");
    EXPECT_EQ(markdown_to_plain_text("", 10), "");
    EXPECT_EQ(markdown_to_plain_text("Tom &amp; Jerry", 100), "Tom & Jerry");
}

TEST(Markdown, PlainTextCutsOnAWordAndACharacter) {
    const std::string text = "Ο Σύλλογος Γονέων και Κηδεμόνων οργανώνει εκδηλώσεις για όλη την πόλη";
    EXPECT_EQ(markdown_to_plain_text(text, 1000), text);
    EXPECT_EQ(markdown_to_plain_text(text, 40), "Ο Σύλλογος Γονέων και Κηδεμόνων…");
    // One long word: cut inside it, on a character boundary.
    EXPECT_EQ(markdown_to_plain_text("Αβγδεζηθικλμνξοπρστυφχψω", 5), "Αβγδ…");
    EXPECT_EQ(markdown_to_plain_text("abc", 3), "abc");
    EXPECT_EQ(markdown_to_plain_text("abcd", 1), "…");
    EXPECT_EQ(markdown_to_plain_text("abcd", 0), "");
}
