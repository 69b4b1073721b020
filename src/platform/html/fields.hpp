#pragma once
// The form components beyond forms.hpp's single fields, in the GOV.UK pattern: a field group
// around custom content, a fieldset around a group, a checkbox group, a file input, a select
// with option groups, a date in three fields, a summary table, and a status tag whose colour
// comes from a map. Each gives its control the field's id, ties hint and error to it with
// aria-describedby, and escapes every string.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/html/forms.hpp"
#include "platform/html/writer.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::html {

// The label, hint and error of f around a control the page writes itself, whose id must be
// field_id(f.name) (so the error summary's link lands on it).
Html field_group(const Field& f, const Errors& e, const Html& control);

// A <fieldset> whose <legend> is f.label, with f.hint and the error of f.name, around content
// (several fields that answer one question). The first control inside should carry
// field_id(f.name); when none can (boxes that each submit a name of their own), id_on_fieldset
// gives the fieldset that id, so the error summary's link still lands on the question.
Html fieldset_group(const Field& f, const Errors& e, const Html& content, bool id_on_fieldset = false);

// Checkboxes sharing one name in a fieldset; `checked` holds the ticked values. The first box
// carries field_id(f.name), the others field_id(f.name) + "-" + value.
Html checkbox_group(const Field& f, const std::vector<Option>& options, const std::vector<std::string>& checked,
                    const Errors& e);

// A file input. accept only helps the browser's picker (the service judges the bytes); a file
// is never echoed back, so `again` (shown after the hint when the form came back with a
// problem) can ask to choose it again.
Html file_input(const Field& f, const Errors& e, std::string_view accept, bool multiple = false, std::string_view again = {});

// A select whose options come in labelled groups, after the `loose` options (such as "Choose…").
// The first option whose value is f.value is selected, in a group that may hold it: a value
// listed under several groups (a person in two departments) is selected only in the group the
// form chose, whose may_select is the only one left true.
struct OptionGroup {
    std::string label = {};
    std::vector<Option> options = {};
    bool may_select = true;
};
Html grouped_select(const Field& f, const std::vector<Option>& loose, const std::vector<OptionGroup>& groups, const Errors& e);

// A date as GOV.UK asks for one: day, month and year in three boxes named <name>-day,
// <name>-month and <name>-year, in a fieldset whose legend is f.label.
struct DateParts {
    std::string day = {}, month = {}, year = {};
};
Html date_input(const i18n::Tr& tr, const Field& f, const DateParts& value, const Errors& e);

// A two-column table whose first column heads each row (figures, settings, a summary).
struct SummaryRowText {
    std::string key = {};
    Html value = {};
};
Html summary_table(std::string_view caption, const std::vector<SummaryRowText>& rows);

// A status tag whose label and colour come from a module's map of stored codes; an unknown code
// shows as itself in grey.
struct TagStyle {
    std::string_view code;
    const char* msgid;
    std::string_view colour;  // grey|green|blue|red|yellow|purple
};
Html state_tag(const i18n::Tr& tr, std::span<const TagStyle> styles, std::string_view code);

}  // namespace syn::html
