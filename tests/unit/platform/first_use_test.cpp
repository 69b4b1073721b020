// Small kernel pieces a first-time user meets: logos judged by their bytes, plain text with its
// addresses made links, a day in a Greek sentence, and the files Greek offices open.
#include <gtest/gtest.h>

#include "platform/files/image.hpp"
#include "platform/html/linked_text.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/web/export.hpp"

using namespace syn;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

namespace {

std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) { return {year{y}, month{m}, day{d}}; }

TEST(LogoImage, APlainDrawingPassesAndOneThatCanActDoesNot) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\xda\x63\x64\x60\xf8_\x0f\0\x02\x87\x01\x80\xebG\xba\x92\0\0\0\0IEND\xae\x42\x60\x82", 70);
    EXPECT_EQ(files::check_image(png).mime, "image/png");
    EXPECT_EQ(files::stored_image_type(png), "image/png");
    const auto svg = files::check_image("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(#g)\"/></svg>");
    EXPECT_EQ(svg.mime, "image/svg+xml");
    // Links inside the drawing and embedded images are a drawing's own.
    EXPECT_EQ(files::check_image("<svg xmlns='http://www.w3.org/2000/svg'><use href='#a'/><image href='data:image/png;base64,AAAA'/></svg>").mime,
              "image/svg+xml");
    for (const char* acting : {"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><a href=\"javascript:alert(1)\"><rect/></a></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><image href=\"https://tracker.example/x.png\"/></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><rect style=\"fill:url(https://x.example/a)\"/></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject><p>x</p></foreignObject></svg>",
                               "<!DOCTYPE svg [<!ENTITY a 'aaaa'>]><svg xmlns='http://www.w3.org/2000/svg'/>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><x:script xmlns:x='http://www.w3.org/2000/svg'>alert(1)</x:script></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><image href = \"https://tracker.example/x.png\"/></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><image href=\" https://tracker.example/x.png\"/></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><a href=\"&#104;ttps://x.example\"><rect/></a></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><a><set attributeName='href' to='https://x.example'/></a></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg'><style>@\\69mport 'https://x.example/a.css';</style></svg>",
                               "<svg xmlns='http://www.w3.org/2000/svg' onload = 'alert(1)'/>"}) {
        const auto c = files::check_image(acting);
        EXPECT_FALSE(c.mime.has_value()) << acting;
        EXPECT_TRUE(c.unsafe_svg) << acting;
    }
    for (const char* other : {"%PDF-1.4\n%%EOF\n", "<html><body>svg</body></html>", "", "just text <svg"}) {
        const auto c = files::check_image(other);
        EXPECT_FALSE(c.mime.has_value()) << other;
        EXPECT_FALSE(c.unsafe_svg) << other;
    }
}

TEST(LinkedText, AddressesBecomeLinksAndTheRestStaysText) {
    EXPECT_EQ(html::linked_text("Δείτε: https://kalamata.gr/requests/12. Ευχαριστούμε <3").str(),
              "Δείτε: <a href=\"https://kalamata.gr/requests/12\">https://kalamata.gr/requests/12</a>. Ευχαριστούμε &lt;3");
    EXPECT_EQ(html::linked_text("(http://a.gr/x?y=1&z=2)").str(), "(<a href=\"http://a.gr/x?y=1&amp;z=2\">http://a.gr/x?y=1&amp;z=2</a>)");
    EXPECT_EQ(html::linked_text("javascript:alert(1) https://").str(), "javascript:alert(1) https://");
}

TEST(DayText, TheGreekArticleFollowsTheWeekday) {
    const i18n::Tr el(i18n::Lang::El), en(i18n::Lang::En);
    EXPECT_EQ(i18n::on_day(el, ymd(2026, 12, 7)).rfind("τη Δευτέρα", 0), 0u) << i18n::on_day(el, ymd(2026, 12, 7));
    EXPECT_EQ(i18n::on_day(el, ymd(2026, 12, 8)).rfind("την Τρίτη", 0), 0u);
    EXPECT_EQ(i18n::on_day(el, ymd(2026, 12, 12)).rfind("το Σάββατο", 0), 0u);
    EXPECT_EQ(i18n::on_day(el, ymd(2026, 12, 13)).rfind("την Κυριακή", 0), 0u);
    EXPECT_EQ(i18n::on_day(en, ymd(2026, 12, 7)).rfind("Monday", 0), 0u);
    EXPECT_EQ(i18n::numeric_day(ymd(2026, 3, 9)), "09/03/2026");
    EXPECT_EQ(i18n::numeric_day("1985-03-12"), "12/03/1985");
    EXPECT_EQ(i18n::numeric_day("περίπου 1985"), "περίπου 1985");
}

TEST(Export, CsvAsGreekExcelOpensItAndXlsxIsAWorkbook) {
    web::ExportTable t;
    t.sheet_name = "Αιτήματα: όλα [2026]";
    t.headings = {"Αριθμός", "Υποβολή", "Τίτλος", "Βαθμός"};
    t.rows.push_back({std::int64_t{12}, ymd(2026, 12, 7), std::string("=1+1; «Λακκούβα»"), 4.5});
    t.rows.push_back({std::int64_t{13}, web::ExportValue(), std::string("Φανάρι"), web::ExportValue()});
    EXPECT_EQ(web::excel_csv(t),
              "\xEF\xBB\xBF" "Αριθμός;Υποβολή;Τίτλος;Βαθμός\r\n"
              "12;07/12/2026;\"'=1+1; «Λακκούβα»\";4,5\r\n"
              "13;;Φανάρι;\r\n");
    const auto book = web::xlsx(t);
    ASSERT_GT(book.size(), 1000u);
    EXPECT_EQ(book.substr(0, 2), "PK") << "a zip, as every XLSX is";
    EXPECT_EQ(web::parse_export_format("xlsx"), web::ExportFormat::Xlsx);
    EXPECT_FALSE(web::parse_export_format("xls").has_value());
}

}  // namespace
