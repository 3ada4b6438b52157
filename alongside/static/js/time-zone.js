// Fills an empty time-zone choice with the browser's own, so meeting times read right at once.
// The person can change it; nothing happens when they have already chosen one.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  document.querySelectorAll('[data-browser-time-zone="fill-if-empty"]').forEach(function (field) {
    if (field.value) { return; }
    var known = Array.prototype.some.call(field.options || [], function (o) { return o.value === zone; });
    if (known) { field.value = zone; }
  });
})();
