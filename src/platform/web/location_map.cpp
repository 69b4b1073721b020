#include "platform/web/location_map.hpp"

#include "platform/web/components.hpp"

namespace syn::web {

html::Html pin_picker(const Context& ctx, const PinPicker& p) {
    if (!map_enabled(ctx)) return {};
    const auto& tr = ctx.tr;
    html::Writer data;
    data(" data-mode=\"pick\" data-centre-lat=\"{:.6f}\" data-centre-lng=\"{:.6f}\" data-zoom=\"{}\" data-pin-label=\"{}\" "
         "data-centre-label=\"{}\" data-placed-label=\"{}\" data-locate-label=\"{}\" data-locate-failed=\"{}\" data-fields-label=\"{}\"",
         p.centre_lat, p.centre_lng, p.zoom, p.pin_label, tr("Put the pin at the centre of the map"),
         tr("Latitude and longitude filled in from the map:"), tr("Use my location"),
         tr("Your device did not give a location. Put the pin on the map instead."), tr("Enter the coordinates yourself"));
    return map_region(ctx, {.id = "location-map", .label = p.label, .data = data.take()});
}

html::Html pin_view(const Context& ctx, const std::string& label, double lat, double lng, const std::string& name) {
    if (!map_enabled(ctx)) return {};
    html::Writer data;
    data(" data-mode=\"view\" data-lat=\"{:.6f}\" data-lng=\"{:.6f}\" data-name=\"{}\"", lat, lng, name);
    return map_region(ctx, {.id = "location-map", .label = label, .small = true, .data = data.take()});
}

}  // namespace syn::web
