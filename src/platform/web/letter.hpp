#pragma once
// Mail from the municipality as people expect a letter: a greeting, the text, a signature with
// the municipality's name and its site, and the municipality's name at the end of the subject
// (the sender's name is the municipality's too: mail/outbox.cpp). Every module's mail goes
// through it, so the letters of one municipality all look alike.
#include <string>

#include "platform/i18n/i18n.hpp"
#include "platform/mail/mail.hpp"
#include "platform/web/scope.hpp"

namespace syn::web {

// "Δήμος Καλαμάτας" / "Municipality of Kalamata", in `tr`'s language.
std::string municipality_title(const Scope& scope, const i18n::Tr& tr);

// The message to `to`, written in `tr`'s language; greeting them by `name` when given.
mail::Message letter(const Scope& scope, const i18n::Tr& tr, const std::string& to, const std::string& subject, const std::string& body,
                     const std::string& name = {});

}  // namespace syn::web
