#pragma once
// The map that shows one place or lets a person pick one, drawn by js/request-map.js over plain
// latitude and longitude fields (the input without JavaScript). Requests use it for the spot of
// a problem, organisations for their seat: one picker, one look.
#include <string>

#include "platform/html/writer.hpp"
#include "platform/web/context.hpp"

namespace syn::web {

struct PinPicker {
    std::string label = {};      // the map region's name ("Map: click the spot…")
    std::string pin_label = {};  // the pin's name ("The spot of the request")
    double centre_lat = 38.5, centre_lng = 23.5;
    int zoom = 6;
};

// A map over the form's #latitude and #longitude fields: a click, dragging the pin, "Put the pin
// at the centre of the map" or "Use my location" fill them; the fields then fold into "Enter
// the coordinates yourself". Empty when the install has no tile server. The page adds the map's
// assets with add_map_assets(shell, ctx, "js/request-map.js").
html::Html pin_picker(const Context& ctx, const PinPicker& p);

// A map with one pin at (lat, lng) named `name`, for a page that also says where in words.
html::Html pin_view(const Context& ctx, const std::string& label, double lat, double lng, const std::string& name);

}  // namespace syn::web
