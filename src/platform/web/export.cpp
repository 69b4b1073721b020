#include "platform/web/export.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "platform/i18n/day_text.hpp"
#include "platform/text/csv.hpp"

namespace syn::web {

namespace {

// As Greek Excel types a number: no thousands separator, a decimal comma, no trailing zeros.
std::string greek_decimal(double v) {
    if (!std::isfinite(v)) return {};
    std::string s = fmt::format("{:.6f}", v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string csv_text(const ExportValue& v) {
    struct Visit {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(double d) const { return greek_decimal(d); }
        std::string operator()(const std::chrono::year_month_day& d) const { return i18n::numeric_day(d); }
    };
    return std::visit(Visit{}, v);
}

// A temporary file for libxlsxwriter (1.1 writes files, not buffers), removed however we leave.
class TempFile {
public:
    TempFile() {
        auto pattern = (std::filesystem::temp_directory_path() / "synergeia-export-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
        ::close(fd);
        path_ = pattern;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Excel allows at most 31 characters, and none of []:*?/\ in a sheet's name.
std::string sheet_name(const std::string& wanted) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < wanted.size() && chars < 31; ++i) {
        const char c = wanted[i];
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
        if (chars > 31) break;
        out.push_back(c);
    }
    // A cut inside a multi-byte letter would leave broken UTF-8.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0) out.pop_back();
    return out.empty() ? std::string("Sheet1") : out;
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view ending) {
    if (ending == "csv") return ExportFormat::Csv;
    if (ending == "xlsx") return ExportFormat::Xlsx;
    return std::nullopt;
}

std::string excel_csv(const ExportTable& table) {
    text::csv::WriteOptions opt;
    opt.delimiter = ';';
    std::string out(text::csv::kUtf8Bom);
    out += text::csv::row(table.headings, opt);
    std::vector<std::string> cells;
    for (const auto& row : table.rows) {
        cells.clear();
        for (const auto& v : row) cells.push_back(csv_text(v));
        out += text::csv::row(cells, opt);
    }
    return out;
}

std::string xlsx(const ExportTable& table) {
    TempFile file;
    lxw_workbook* wb = workbook_new(file.path().c_str());
    if (!wb) throw std::runtime_error("xlsx: cannot start the workbook");
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(table.sheet_name).c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    for (std::size_t c = 0; c < table.headings.size(); ++c)
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.headings[c].c_str(), bold);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            const auto& v = table.rows[r][c];
            if (const auto* s = std::get_if<std::string>(&v); s && !s->empty()) {
                worksheet_write_string(ws, row, col, s->c_str(), nullptr);
            } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
                worksheet_write_number(ws, row, col, static_cast<double>(*n), nullptr);
            } else if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) {
                worksheet_write_number(ws, row, col, *d, nullptr);
            } else if (const auto* day = std::get_if<std::chrono::year_month_day>(&v); day && day->ok()) {
                lxw_datetime dt{static_cast<int>(day->year()), static_cast<int>(static_cast<unsigned>(day->month())),
                                static_cast<int>(static_cast<unsigned>(day->day())), 0, 0, 0.0};
                worksheet_write_datetime(ws, row, col, &dt, date);
            }
        }
    }
    if (!table.headings.empty()) {
        // The heading stays in view while scrolling, and each column can be filtered in Excel.
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(table.headings.size() - 1));
        worksheet_set_column(ws, 0, static_cast<lxw_col_t>(table.headings.size() - 1), 18, nullptr);
    }
    if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write the workbook");
    std::ifstream in(file.path(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

http::Response export_response(const ExportTable& table, ExportFormat format, const std::string& file_base) {
    const bool csv = format == ExportFormat::Csv;
    auto res = http::Response::text(200, csv ? excel_csv(table) : xlsx(table),
                                    csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.headers.set("Content-Disposition", "attachment; filename=\"" + file_base + (csv ? ".csv\"" : ".xlsx\""));
    res.headers.set("Cache-Control", "private, no-store");
    return res;
}

html::Html export_links(const i18n::Tr& tr, const std::string& path_without_ending, const std::string& query) {
    const std::string q = query.empty() ? "" : "?" + query;
    html::Writer w;
    w("<p class=\"export-links\">{} <a href=\"{}\" download>{}</a> · <a href=\"{}\" download>{}</a></p>", tr("Download this list:"),
      path_without_ending + ".csv" + q, tr("CSV for Excel"), path_without_ending + ".xlsx" + q, tr("Excel workbook (XLSX)"));
    return w.take();
}

}  // namespace syn::web
