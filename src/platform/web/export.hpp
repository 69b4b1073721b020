#pragma once
// A staff list as a file Greek offices open: CSV as Greek Excel reads it, or XLSX with real
// dates and numbers. Every list page builds one ExportTable from the rows its filters chose
// and answers list.csv and list.xlsx with it, so every list has both and they agree.
//
// CSV for Greek Excel: UTF-8 with a byte-order mark (else Excel reads the Windows code page),
// ';' between fields (the Greek list separator, as ',' is the decimal point there), CRLF, dates
// as dd/mm/yyyy and decimals with a comma, the formula guard on (titles are typed by the
// public). Headings and values are in the person's language. The directory's open-data CSV is
// a machine format and does not come from here.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/html/writer.hpp"
#include "platform/http/message.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::web {

// A cell: empty, text, a whole number, a decimal, or a calendar day.
using ExportValue = std::variant<std::monostate, std::string, std::int64_t, double, std::chrono::year_month_day>;

struct ExportTable {
    std::string sheet_name;             // the XLSX sheet's name (at most 31 characters are kept)
    std::vector<std::string> headings;  // translated
    std::vector<std::vector<ExportValue>> rows;
};

enum class ExportFormat { Csv, Xlsx };

// "csv" or "xlsx" (the ending of the address); nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view ending);

std::string excel_csv(const ExportTable& table);
// Throws std::runtime_error when libxlsxwriter cannot write (a full disk).
std::string xlsx(const ExportTable& table);

// The download: the file's bytes, its type, and "attachment; filename=<file_base>.<ending>".
http::Response export_response(const ExportTable& table, ExportFormat format, const std::string& file_base);

// "Download this list: CSV (Excel) · XLSX" — links to `path_without_ending`.csv/.xlsx with the
// list's query string, so the file holds what the page shows (every page of it).
html::Html export_links(const i18n::Tr& tr, const std::string& path_without_ending, const std::string& query);

}  // namespace syn::web
