#include "platform/web/letter.hpp"

namespace syn::web {

std::string municipality_title(const Scope& scope, const i18n::Tr& tr) {
    const auto& name = tr.lang() == i18n::Lang::En && !scope.tenant.name_en.empty() ? scope.tenant.name_en : scope.tenant.name;
    return tr.tf("Municipality of {}", name);
}

mail::Message letter(const Scope& scope, const i18n::Tr& tr, const std::string& to, const std::string& subject, const std::string& body,
                     const std::string& name) {
    const auto title = municipality_title(scope, tr);
    mail::Message m;
    m.to = to;
    m.subject = subject.find(title) == std::string::npos ? subject + " — " + title : subject;
    std::string text = body;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    // "Γεια σας," is how a Greek office greets someone it does not know by gender.
    m.body_text = (name.empty() ? tr("Hello,") : tr.tf("Hello {},", name)) + "\n\n" + text + "\n\n" + tr("Kind regards,") + "\n" + title + "\n" + tr("Active Citizens' Centre") + "\n" +
                  scope.absolute_url("/") + "\n";
    return m;
}

}  // namespace syn::web
