#pragma once
// CSV (RFC 4180) as municipalities really have it: files saved by Excel, with or without a
// UTF-8 byte-order mark, with ';' between fields when Windows' list separator is Greek (the
// Greek regional settings use ',' as the decimal point, so Excel writes ';'), with CRLF or LF.
// Pure functions, no I/O. Errors are codes, not texts: the caller words them in the user's
// language.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace syn::text::csv {

// One record and the 1-based line of the file where it starts (a quoted field may span lines,
// so the record after it starts further down than its index suggests).
struct Record {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

enum class Error {
    None,
    UnterminatedQuote,  // a quoted field is still open at the end of the file
    TextAfterQuote,     // "abc"x — a closing quote must be followed by a delimiter or a line end
    TooManyRecords,     // more than ParseOptions::max_records
    FieldTooLong,       // a field over ParseOptions::max_field_bytes
};

struct ParseOptions {
    // nullopt: the header line decides (see detect_delimiter).
    std::optional<char> delimiter;
    std::size_t max_records = 100'000;
    std::size_t max_field_bytes = 1u << 20;
};

struct ParseResult {
    std::vector<Record> records;  // the header is records[0]; empty lines are skipped
    char delimiter = ',';
    Error error = Error::None;
    std::size_t error_line = 0;   // where the offending record (or quoted field) starts
    bool ok() const { return error == Error::None; }
};

// Parses the whole text. A leading UTF-8 BOM is dropped. Lines end in CRLF, LF or a lone CR.
// Inside quotes, "" is one quote and line breaks are part of the field (CRLF kept as LF). A
// quote inside an unquoted field is taken literally, as Excel does. Empty lines are skipped;
// a final line break does not start a record. Bytes are passed through unchanged: checking
// that the text is UTF-8 is the caller's job (see to_utf8).
ParseResult parse(std::string_view text, const ParseOptions& options = {});

// ',' ';' or '\t': whichever occurs most often outside quotes in the first line; ',' on a tie
// or when there is none (a one-column file).
char detect_delimiter(std::string_view text);

// The text as UTF-8: unchanged when it already is (a BOM is kept; parse drops it), otherwise
// read as Windows-1253 (Greek), which is what Excel's plain "CSV" format saves on Greek
// Windows. nullopt when it is neither (a byte Windows-1253 leaves undefined).
std::optional<std::string> to_utf8(std::string_view bytes);

// ---------------------------------------------------------------- writing

struct WriteOptions {
    char delimiter = ',';
    // For files people open in a spreadsheet: a cell starting with = + - @ (or a tab or CR)
    // gets a leading ' so that it is shown as text instead of run as a formula (OWASP
    // "CSV injection"). Off for machine-to-machine files that must round-trip exactly.
    bool formula_guard = true;
};

// One cell, quoted when it holds the delimiter, a quote, a line break, or leading or trailing
// white space (which spreadsheets would otherwise trim).
std::string cell(std::string_view value, const WriteOptions& options = {});
// One record, cells joined by the delimiter, ending in CRLF (RFC 4180).
std::string row(std::span<const std::string> values, const WriteOptions& options = {});

// The UTF-8 byte-order mark; put it first in a download so Excel reads the file as UTF-8
// instead of the Windows code page and shows the Greek correctly.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace syn::text::csv
