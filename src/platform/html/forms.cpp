#include "platform/html/forms.hpp"
#include "platform/html/fields.hpp"
#include "platform/html/form_parts.hpp"

#include <algorithm>
#include <array>

namespace syn::html {

const std::string* Errors::for_field(std::string_view field) const {
    for (const FieldError& e : items)
        if (e.field == field) return &e.message;
    return nullptr;
}

void Errors::add(std::string field, std::string message) {
    items.push_back({std::move(field), std::move(message)});
}

std::string field_id(std::string_view name) {
    std::string id;
    id.reserve(name.size());
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-' || c == '.';
        id += ok ? c : '-';
    }
    // An id must not be empty; an unnamed field still gets one the summary can link to.
    return id.empty() ? std::string("field") : id;
}

Html error_message(const i18n::Tr* translator, std::string_view id, const std::string* error) {
    if (!error) return {};
    Writer w;
    w("<p class=\"error-message\" id=\"{}-error\">", id);
    // Without a translator the prefix is left out; aria-invalid still says the field is wrong.
    if (translator) {
        const i18n::Tr& tr = *translator;
        w("<span class=\"visually-hidden\">{} </span>", tr("Error:"));
    }
    w("{}</p>", *error);
    return w.take();
}

Html error_summary(const i18n::Tr& tr, const Errors& e) {
    if (e.empty()) return {};
    Writer w;
    w("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"error-summary-title\">"
      "<h2 class=\"error-summary__title\" id=\"error-summary-title\">{}</h2>"
      "<ul class=\"error-summary__list\">",
      tr("There is a problem"));
    for (const FieldError& fe : e.items)
        w("<li><a href=\"#{}\">{}</a></li>", field_id(fe.field), fe.message);
    w("</ul></div>\n");
    return w.take();
}

namespace detail {

Parts parts(const Field& f, const Errors& e) {
    Parts p{f.id.empty() ? field_id(f.name) : f.id, e.for_field(f.id.empty() ? std::string_view(f.name) : f.id), {}};
    if (!f.hint.empty()) p.describedby = p.id + "-hint";
    if (p.error) p.describedby += (p.describedby.empty() ? "" : " ") + p.id + "-error";
    return p;
}

void group_start(Writer& w, const Parts& p) {
    w("<div class=\"form-group{}\">", p.error ? " form-group--error" : "");
}

void hint_and_error(Writer& w, const Field& f, const Parts& p, const Errors& e) {
    if (!f.hint.empty()) w("<div class=\"hint\" id=\"{}-hint\">{}</div>", p.id, f.hint);
    w << error_message(e.tr, p.id, p.error);
}

void common_attrs(Writer& w, const Field& f, const Parts& p) {
    w(" id=\"{}\" name=\"{}\"", p.id, f.name);
    if (!p.describedby.empty()) w(" aria-describedby=\"{}\"", p.describedby);
    if (p.error) w(" aria-invalid=\"true\"");
    if (!f.autocomplete.empty()) w(" autocomplete=\"{}\"", f.autocomplete);
}

}  // namespace detail

using namespace detail;

namespace {

// Types outside this list would make the page invalid HTML; they become text.
std::string_view safe_type(std::string_view t) {
    static constexpr std::array<std::string_view, 14> ok = {"text", "email", "password", "tel", "url", "number",
                                                            "search", "date", "time", "datetime-local", "month",
                                                            "week", "color", "file"};
    return std::find(ok.begin(), ok.end(), t) != ok.end() ? t : std::string_view("text");
}

}  // namespace

Html input(const Field& f, const Errors& e) {
    Parts p = parts(f, e);
    std::string_view type = safe_type(f.type);
    Writer w;
    group_start(w, p);
    w("<label class=\"label\" for=\"{}\">{}</label>", p.id, f.label);
    hint_and_error(w, f, p, e);
    w("<input class=\"input{}\" type=\"{}\"", p.error ? " input--error" : "", type);
    common_attrs(w, f, p);
    // A password or a file path is never sent back to the browser.
    if (type != "password" && type != "file" && !f.value.empty()) w(" value=\"{}\"", f.value);
    if (!f.inputmode.empty()) w(" inputmode=\"{}\"", f.inputmode);
    if (type == "email" || type == "password") w(" spellcheck=\"false\"");
    if (f.required) w(" required");
    w("></div>\n");
    return w.take();
}

Html textarea(const Field& f, const Errors& e, int rows) {
    Parts p = parts(f, e);
    Writer w;
    group_start(w, p);
    w("<label class=\"label\" for=\"{}\">{}</label>", p.id, f.label);
    hint_and_error(w, f, p, e);
    w("<textarea class=\"textarea{}\" rows=\"{}\"", p.error ? " textarea--error" : "", std::clamp(rows, 1, 50));
    common_attrs(w, f, p);
    if (f.required) w(" required");
    // The parser drops one newline right after <textarea>; writing one keeps a value that
    // starts with a newline intact.
    w(">\n{}</textarea></div>\n", f.value);
    return w.take();
}

Html select(const Field& f, const std::vector<Option>& options, const Errors& e) { return grouped_select(f, options, {}, e); }

Html radios(const Field& f, const std::vector<Option>& options, const Errors& e) {
    const std::string first = field_id(f.name);
    Writer w;
    w("<div class=\"radios\">");
    for (std::size_t i = 0; i < options.size(); ++i) {
        const Option& o = options[i];
        std::string id = i == 0 ? first : first + "-" + std::to_string(i + 1);
        w("<div class=\"radios__item\"><input class=\"radios__input\" type=\"radio\" id=\"{}\" name=\"{}\" value=\"{}\"",
          id, f.name, o.value);
        if (o.value == f.value) w(" checked");
        if (f.required && i == 0) w(" required");
        w("><label class=\"radios__label\" for=\"{}\">{}</label></div>", id, o.label);
    }
    w("</div>");
    return fieldset_group(f, e, w.take());
}

Html checkbox(std::string_view name, std::string_view label, bool checked, std::string_view hint) {
    std::string id = field_id(name);
    Writer w;
    w("<div class=\"checkbox\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"{}\" name=\"{}\" value=\"1\"",
      id, name);
    if (checked) w(" checked");
    if (!hint.empty()) w(" aria-describedby=\"{}-hint\"", id);
    w("><label class=\"checkbox__label\" for=\"{}\">{}</label>", id, label);
    if (!hint.empty()) w("<div class=\"hint checkbox__hint\" id=\"{}-hint\">{}</div>", id, hint);
    w("</div>\n");
    return w.take();
}

Html csrf_input(std::string_view token) { return hidden_input("_csrf", token); }

Html hidden_input(std::string_view name, std::string_view value) {
    Writer w;
    w("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, value);
    return w.take();
}

namespace {
std::string_view button_kind(std::string_view kind) {
    return kind == "secondary" || kind == "warning" ? kind : std::string_view("primary");
}
}  // namespace

Html button(std::string_view label, std::string_view kind) {
    Writer w;
    w("<button class=\"button button--{}\" type=\"submit\">{}</button>\n", button_kind(kind), label);
    return w.take();
}

Html button_link(std::string_view label, std::string_view href, std::string_view kind) {
    Writer w;
    w("<a class=\"button button--{}\" href=\"{}\">{}</a>\n", button_kind(kind), href, label);
    return w.take();
}

Html form_start(std::string_view action, std::string_view method, bool multipart) {
    Writer w;
    w("<form class=\"form\" action=\"{}\" method=\"{}\"", action, method == "get" ? "get" : "post");
    if (multipart && method != "get") w(" enctype=\"multipart/form-data\"");
    w(" novalidate>\n");
    return w.take();
}

Html form_end() {
    Writer w;
    w("</form>\n");
    return w.take();
}

}  // namespace syn::html
