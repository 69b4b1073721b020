// The Open311 GeoReport v2 wire formats: XML derived from the JSON (Spark convention), the
// spec's content types, W3C date-times in and out.
#include <gtest/gtest.h>

#include "modules/requests/open311/format.hpp"

namespace o = syn::requests::open311;
using namespace std::chrono;

TEST(Open311Format, SplitFormat) {
    EXPECT_EQ(o::split_format("services.json"), (std::pair<std::string, o::Format>{"services", o::Format::Json}));
    EXPECT_EQ(o::split_format("033.xml"), (std::pair<std::string, o::Format>{"033", o::Format::Xml}));
    EXPECT_EQ(o::split_format("a.b.json")->first, "a.b");
    EXPECT_FALSE(o::split_format("services.csv"));
    EXPECT_FALSE(o::split_format("services"));
    EXPECT_FALSE(o::split_format(".json"));
}

TEST(Open311Format, XmlFollowsTheSparkConvention) {
    o::Json requests = o::Json::array({o::Json{
        {"service_request_id", "12"},
        {"status", "open"},
        {"status_notes", nullptr},
        {"lat", 37.0389},
        {"metadata", false},
    }});
    EXPECT_EQ(o::to_xml(requests, "service_requests"),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<service_requests><request><service_request_id>12</service_request_id><status>open</status>"
              "<status_notes/><lat>37.0389</lat><metadata>false</metadata></request></service_requests>\n");
    o::Json discovery{{"endpoints", o::Json::array({o::Json{{"formats", o::Json::array({"text/xml", "application/json"})}}})}};
    EXPECT_NE(o::to_xml(discovery, "discovery")
                  .find("<discovery><endpoints><endpoint><formats><format>text/xml</format><format>application/json</format>"
                        "</formats></endpoint></endpoints></discovery>"),
              std::string::npos);
    EXPECT_NE(o::to_xml(o::Json{{"service_code", "x"}, {"attributes", o::Json::array()}}, "service_definition")
                  .find("<service_definition><service_code>x</service_code><attributes></attributes></service_definition>"),
              std::string::npos);
    EXPECT_THROW(o::to_xml(o::Json::array({1}), "unknown"), std::logic_error);
}

TEST(Open311Format, XmlTextIsEscapedAndWellFormed) {
    const auto xml = o::to_xml(o::Json::array({o::Json{{"description", "a<b & \"c\"\r\n\x01 \xEF\xBF\xBE τέλος"}}}), "service_requests");
    EXPECT_NE(xml.find("<description>a&lt;b &amp; \"c\"&#xD;\n  τέλος</description>"), std::string::npos) << xml;
}

TEST(Open311Format, ContentTypesAreTheSpecs) {
    const auto json = o::respond(200, o::Format::Json, o::Json::array(), "services");
    EXPECT_EQ(json.headers.get("Content-Type"), "application/json");
    EXPECT_EQ(json.body, "[]");
    const auto xml = o::errors(o::Format::Xml, 403, {{403, "Invalid api_key"}});
    EXPECT_EQ(xml.status, 403);
    EXPECT_EQ(xml.headers.get("Content-Type"), "text/xml; charset=utf-8");
    EXPECT_NE(xml.body.find("<errors><error><code>403</code><description>Invalid api_key</description></error></errors>"),
              std::string::npos);
    EXPECT_EQ(o::errors(o::Format::Json, 400, {{400, "a"}, {400, "b"}}).body,
              R"([{"code":400,"description":"a"},{"code":400,"description":"b"}])");
}

TEST(Open311Format, W3cTimes) {
    EXPECT_EQ(o::w3c_time(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(o::w3c_time(1795330409), "2026-11-22T06:53:29Z");
    // Winter (+02:00) and summer (+03:00) in Athens.
    EXPECT_EQ(o::w3c_end_of_day(year_month_day{year{2026}, December, day{1}}), "2026-12-01T23:59:59+02:00");
    EXPECT_EQ(o::w3c_end_of_day(year_month_day{year{2026}, July, day{15}}), "2026-07-15T23:59:59+03:00");
    EXPECT_EQ(o::w3c_start_of_day(year_month_day{year{2026}, December, day{7}}), "2026-12-07T00:00:00+02:00");
    EXPECT_EQ(o::w3c_start_of_day(year_month_day{year{2026}, July, day{15}}), "2026-07-15T00:00:00+03:00");
    // The days the clocks change: the offset at each day's midnight.
    EXPECT_EQ(o::w3c_start_of_day(year_month_day{year{2026}, March, day{29}}), "2026-03-29T00:00:00+02:00");
    EXPECT_EQ(o::w3c_end_of_day(year_month_day{year{2026}, March, day{29}}), "2026-03-29T23:59:59+03:00");
    EXPECT_EQ(o::w3c_start_of_day(year_month_day{year{2026}, October, day{25}}), "2026-10-25T00:00:00+03:00");
    EXPECT_EQ(o::w3c_end_of_day(year_month_day{year{2026}, October, day{25}}), "2026-10-25T23:59:59+02:00");
}

TEST(Open311Format, ParsesW3cDateTimes) {
    EXPECT_EQ(o::parse_w3c("2010-01-01T00:00:00Z"), 1262304000);
    EXPECT_EQ(o::parse_w3c("2010-01-01T00:00Z"), 1262304000);
    EXPECT_EQ(o::parse_w3c("2010-01-01T02:00:00.123+02:00"), 1262304000);
    EXPECT_EQ(o::parse_w3c("2009-12-31T19:00:00-05:00"), 1262304000);
    EXPECT_EQ(o::parse_w3c("2010-01-01T02:00:00 02:00"), 1262304000) << "an unencoded '+' read as a space";
    // A bare date: the start of that day in Athens (UTC+2 in January).
    EXPECT_EQ(o::parse_w3c("2010-01-01"), 1262304000 - 7200);
    for (const char* bad : {"", "2010", "2010-01-01T00:00:00", "2010-13-01T00:00:00Z", "2010-02-30T00:00:00Z",
                            "2010-01-01T24:00:00Z", "2010-01-01T00:00:00+0200", "2010-01-01T00:00:00Zjunk", "1969-12-31T00:00:00Z",
                            "2010-01-01T00:00:00.Z"})
        EXPECT_FALSE(o::parse_w3c(bad)) << bad;
}

