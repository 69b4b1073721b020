#pragma once
// The two wire formats of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) and its
// W3C date-times. Pure: no I/O, no clock, no database.
//
// Every answer is built once, as JSON in the spec's "Spark convention", and the XML is derived
// from that same value, so the two formats cannot carry different data:
//   - an array is a container element whose children repeat one name: the root "services" holds
//     <service> elements, "service_requests" <request>, "errors" <error>, "endpoints" <endpoint>,
//     "formats" <format>, "attributes" <attribute>, "values" <value>;
//   - an object's members are child elements in the object's order (hence ordered_json);
//   - null is an empty element, booleans are true/false, numbers are written as JSON writes them.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/requests/model.hpp"
#include "platform/http/message.hpp"

namespace syn::requests::open311 {

using Json = nlohmann::ordered_json;

enum class Format { Json, Xml };

// "services.json" → {"services", Json}; "033.xml" → {"033", Xml}; nullopt for any other suffix.
std::optional<std::pair<std::string, Format>> split_format(std::string_view file);

// The XML document for a Spark-convention value under the root element `root` (see above).
// Throws std::logic_error for an array whose element name is not known (a programming error).
std::string to_xml(const Json& value, std::string_view root);

// 200-style answer in the format: "application/json" (RFC 8259 defines no charset parameter)
// or "text/xml; charset=utf-8" (RFC 7303 asks for it).
http::Response respond(int status, Format f, const Json& body, std::string_view xml_root);

// The spec's error answer: [{code, description}] / <errors><error><code/><description/>…
struct Error {
    int code = 400;
    std::string description;
};
http::Response errors(Format f, int status, const std::vector<Error>& list);

// "2026-11-22T06:53:29Z" (the W3C note's profile of ISO 8601, in UTC).
std::string w3c_time(std::int64_t unix_seconds);
// The last second of a day in Europe/Athens with its offset: "2026-12-01T23:59:59+02:00".
// For expected_datetime, whose deadline is a whole working day.
std::string w3c_end_of_day(Day d);
// The first second of a day in Europe/Athens with its offset: "2026-12-07T00:00:00+02:00".
std::string w3c_start_of_day(Day d);
// The W3C profile as the spec requires it of start_date/end_date: YYYY-MM-DDThh:mm[:ss[.s…]]TZD,
// TZD being Z or ±hh:mm. A bare YYYY-MM-DD is taken as the start of that day in Europe/Athens
// (the municipality's calendar). nullopt when malformed or out of range.
std::optional<std::int64_t> parse_w3c(std::string_view text);


}  // namespace syn::requests::open311
