// Maps of one place (web/location_map.hpp): a progressive enhancement over plain fields and text.
//
// The server renders <div id="location-map" hidden data-mode=… data-tile-url=…>. Without
// JavaScript, or when Leaflet did not load, it stays hidden and the page is whole without it.
//
//   data-mode="pick" (a request's form, an organisation's form): the map shows where the
//     latitude and longitude fields point; a click, dragging the pin, the "Put the pin at the
//     centre of the map" button (for keyboard users, who pan with the arrow keys) or "Use my
//     location" fills those two fields, and typing in them moves the pin. The fields stay the
//     real input, folded under "Enter the coordinates yourself" while the map works.
//   data-mode="view" (a request's page, an organisation's review): one pin at data-lat/data-lng.
//
// On the form it also sets the public/private choice to the chosen type's default
// (data-public on each <option>) until the person picks one themselves.
// Loaded with defer after leaflet.js; no inline script (CSP).
(function () {
  'use strict';

  function publicDefault() {
    var type = document.getElementById('type');
    var radios = document.querySelectorAll('input[name="is_public"]');
    if (!type || !radios.length) return;
    var touched = false;
    radios.forEach(function (r) {
      if (r.checked) touched = true;  // chosen before (or kept from a failed submission)
      r.addEventListener('change', function () { touched = true; });
    });
    type.addEventListener('change', function () {
      if (touched) return;
      var option = type.options[type.selectedIndex];
      var wanted = option && option.dataset.public;
      radios.forEach(function (r) { r.checked = wanted !== undefined && r.value === wanted; });
    });
  }
  publicDefault();

  var container = document.getElementById('location-map');
  if (!container || typeof window.L === 'undefined') return;
  var L = window.L;
  var data = container.dataset;
  if (!data.tileUrl) return;

  // Leaflet puts the attribution in as HTML; ours is configuration text, so it goes in as text.
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function number(s) {
    var v = parseFloat(String(s || '').replace(',', '.'));
    return isFinite(v) ? v : null;
  }

  // Shown before Leaflet measures the container: a hidden element has no size.
  container.hidden = false;
  var map = L.map(container, { zoomControl: false, scrollWheelZoom: false });
  L.control.zoom({ zoomInTitle: data.zoomIn || 'Zoom in', zoomOutTitle: data.zoomOut || 'Zoom out' }).addTo(map);
  L.tileLayer(data.tileUrl, { maxZoom: 19, attribution: escapeHtml(data.attribution || '') }).addTo(map);

  if (data.mode === 'view') {
    var lat = number(data.lat);
    var lng = number(data.lng);
    if (lat === null || lng === null) { container.hidden = true; return; }
    // The coordinates are written on the page; the pin is not a stop of its own for the keyboard.
    L.marker([lat, lng], { title: data.name || '', alt: data.name || '', keyboard: false }).addTo(map);
    map.setView([lat, lng], 16);
    return;
  }

  var latField = document.getElementById('latitude');
  var lngField = document.getElementById('longitude');
  if (!latField || !lngField) { container.hidden = true; return; }

  var centre = [number(data.centreLat) || 38.5, number(data.centreLng) || 23.5];
  map.setView(centre, parseInt(data.zoom, 10) || 13);

  // Tells screen-reader users that the fields changed, since the click happened elsewhere.
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  container.parentNode.insertBefore(status, container.nextSibling);

  var marker = null;
  function place(latlng, fillFields) {
    if (!marker) {
      marker = L.marker(latlng, { title: data.pinLabel || '', alt: data.pinLabel || '', draggable: true, keyboard: false }).addTo(map);
      marker.on('dragend', function () { place(marker.getLatLng(), true); });
    } else {
      marker.setLatLng(latlng);
    }
    if (fillFields) {
      latField.value = latlng.lat.toFixed(6);
      lngField.value = latlng.lng.toFixed(6);
      if (data.placedLabel) status.textContent = data.placedLabel + ' ' + latField.value + ', ' + lngField.value;
    }
  }

  function fromFields() {
    var lat = number(latField.value);
    var lng = number(lngField.value);
    if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) return;
    place(L.latLng(lat, lng), false);
    map.panTo([lat, lng]);
  }
  fromFields();
  latField.addEventListener('change', fromFields);
  lngField.addEventListener('change', fromFields);

  map.on('click', function (e) { place(e.latlng, true); });

  var buttons = document.createElement('div');
  buttons.className = 'button-group location-map__buttons';
  container.parentNode.insertBefore(buttons, status);
  function addButton(label, action) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary';
    button.textContent = label;
    button.addEventListener('click', action);
    buttons.appendChild(button);
  }
  // Keyboard users pan the map with the arrow keys (it takes the focus), then press this.
  if (data.centreLabel) addButton(data.centreLabel, function () { place(map.getCenter(), true); });
  // On a phone, standing at the spot: the device's own position (asked only on this press).
  var failed = document.createElement('p');
  failed.className = 'error-message';
  failed.setAttribute('role', 'alert');
  failed.hidden = true;
  buttons.parentNode.insertBefore(failed, buttons.nextSibling);
  if (data.locateLabel && navigator.geolocation) {
    addButton(data.locateLabel, function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        var here = L.latLng(pos.coords.latitude, pos.coords.longitude);
        place(here, true);
        map.setView(here, 17);
      }, function () {
        // Said where everyone sees it, next to the buttons, and read out as it appears.
        failed.textContent = data.locateFailed || '';
        failed.hidden = false;
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  // The raw fields step aside while the map works, still there for whoever wants to type;
  // open when one of them has an error to fix.
  var latGroup = latField.closest('.form-group');
  var lngGroup = lngField.closest('.form-group');
  if (data.fieldsLabel && latGroup && lngGroup && latGroup.parentNode === lngGroup.parentNode) {
    var details = document.createElement('details');
    details.className = 'details location-map__fields';
    var summary = document.createElement('summary');
    summary.className = 'details__summary';
    summary.textContent = data.fieldsLabel;
    details.appendChild(summary);
    latGroup.parentNode.insertBefore(details, latGroup);
    details.appendChild(latGroup);
    details.appendChild(lngGroup);
    details.open = latGroup.classList.contains('form-group--error') || lngGroup.classList.contains('form-group--error');
  }
})();
