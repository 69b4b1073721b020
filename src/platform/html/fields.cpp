#include "platform/html/fields.hpp"

#include <algorithm>

#include "platform/html/components.hpp"
#include "platform/html/form_parts.hpp"

namespace syn::html {

using namespace detail;

Html field_group(const Field& f, const Errors& e, const Html& control) {
    const Parts p = parts(f, e);
    Writer w;
    group_start(w, p);
    w("<label class=\"label\" for=\"{}\">{}</label>", p.id, f.label);
    hint_and_error(w, f, p, e);
    w << control;
    w("</div>\n");
    return w.take();
}

Html fieldset_group(const Field& f, const Errors& e, const Html& content, bool id_on_fieldset) {
    const Parts p = parts(f, e);
    Writer w;
    group_start(w, p);
    w("<fieldset class=\"fieldset\"");
    if (id_on_fieldset) w(" id=\"{}\"", p.id);
    if (!p.describedby.empty()) w(" aria-describedby=\"{}\"", p.describedby);
    w("><legend class=\"fieldset__legend\">{}</legend>", f.label);
    hint_and_error(w, f, p, e);
    w << content;
    w("</fieldset></div>\n");
    return w.take();
}

Html checkbox_group(const Field& f, const std::vector<Option>& options, const std::vector<std::string>& checked,
                    const Errors& e) {
    const std::string id = field_id(f.name);
    Writer boxes;
    bool first = true;
    for (const auto& o : options) {
        const std::string box = first ? id : id + "-" + field_id(o.value);
        first = false;
        const bool on = std::find(checked.begin(), checked.end(), o.value) != checked.end();
        boxes("<div class=\"checkbox\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"{}\" name=\"{}\" value=\"{}\"{}>"
              "<label class=\"checkbox__label\" for=\"{}\">{}</label></div>",
              box, f.name, o.value, on ? " checked" : "", box, o.label);
    }
    return fieldset_group(f, e, boxes.take());
}

Html file_input(const Field& f, const Errors& e, std::string_view accept, bool multiple, std::string_view again) {
    Parts p = parts(f, e);
    Writer w;
    group_start(w, p);
    w("<label class=\"label\" for=\"{}\">{}</label>", p.id, f.label);
    if (!again.empty() && !e.empty()) {
        // The hint grows a sentence; the same id keeps it tied to the input.
        Field with = f;
        Writer hint;
        hint("{} <strong>{}</strong>", f.hint, again);
        w("<div class=\"hint\" id=\"{}-hint\">{}</div>", p.id, hint.take());
        with.hint.clear();
        hint_and_error(w, with, p, e);
    } else {
        hint_and_error(w, f, p, e);
    }
    w("<input class=\"input{}\" type=\"file\"", p.error ? " input--error" : "");
    common_attrs(w, f, p);
    if (multiple) w(" multiple");
    if (!accept.empty()) w(" accept=\"{}\"", accept);
    w("></div>\n");
    return w.take();
}

Html grouped_select(const Field& f, const std::vector<Option>& loose, const std::vector<OptionGroup>& groups, const Errors& e) {
    const Parts p = parts(f, e);
    Writer w;
    group_start(w, p);
    w("<label class=\"label\" for=\"{}\">{}</label>", p.id, f.label);
    hint_and_error(w, f, p, e);
    w("<select class=\"select{}\"", p.error ? " select--error" : "");
    common_attrs(w, f, p);
    // aria-required, not required: HTML then demands an empty first option, which not every
    // list has.
    if (f.required) w(" aria-required=\"true\"");
    w(">");
    bool selected = false;  // one select holds one value
    auto option = [&](const Option& o, bool may_select) {
        const bool here = !selected && may_select && o.value == f.value;
        selected = selected || here;
        w("<option value=\"{}\"{}>{}</option>", o.value, here ? " selected" : "", o.label);
    };
    for (const auto& o : loose) option(o, true);
    for (const auto& g : groups) {
        if (g.options.empty()) continue;
        w("<optgroup label=\"{}\">", g.label);
        for (const auto& o : g.options) option(o, g.may_select);
        w("</optgroup>");
    }
    w("</select></div>\n");
    return w.take();
}

Html date_input(const i18n::Tr& tr, const Field& f, const DateParts& value, const Errors& e) {
    const std::string id = field_id(f.name);
    const bool error = e.for_field(f.name) != nullptr;
    Writer boxes;
    boxes("<div class=\"date-input\" id=\"{}\">", id + "-parts");
    const struct {
        const char* part;
        const char* label;
        const std::string& value;
        int width;
    } parts_[] = {{"day", N_("Day"), value.day, 2}, {"month", N_("Month"), value.month, 2}, {"year", N_("Year"), value.year, 4}};
    bool first = true;
    for (const auto& part : parts_) {
        // The first box carries the field's own id, so the error summary's link lands on it.
        const std::string box = first ? id : id + "-" + part.part;
        first = false;
        boxes("<div class=\"date-input__item\"><label class=\"label date-input__label\" for=\"{}\">{}</label>"
              "<input class=\"input input--width-{}{}\" id=\"{}\" name=\"{}-{}\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
              box, tr(part.label), part.width, error ? " input--error" : "", box, f.name, part.part, part.value);
        if (error) boxes(" aria-invalid=\"true\"");
        boxes("></div>");
    }
    boxes("</div>");
    return fieldset_group(f, e, boxes.take());
}

Html summary_table(std::string_view caption, const std::vector<SummaryRowText>& rows) {
    Table t;
    t.caption = std::string(caption);
    t.first_column_is_header = true;
    for (const auto& r : rows) t.rows.push_back({text(r.key), r.value});
    return table(t);
}

Html state_tag(const i18n::Tr& tr, std::span<const TagStyle> styles, std::string_view code) {
    for (const auto& s : styles)
        if (s.code == code) return tag(tr(s.msgid), s.colour);
    return tag(code, "grey");
}

}  // namespace syn::html
