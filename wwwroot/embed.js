/*
 * MarketContext embeds: include this script once on a page that shows charts in
 * <iframe data-marketcontext src="…/embed/…">. Each embed posts its content's height; the frame it came from
 * (checked by the message's source window and origin) is given that height. Nothing else is read or loaded.
 */
(function () {
  "use strict";
  if (window.marketContextEmbeds) return;
  window.marketContextEmbeds = true;
  var MAX_HEIGHT = 20000;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "marketcontext:height" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-marketcontext]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch (e) {
        return;
      }
      if (origin !== event.origin) return;
      frame.style.height = Math.max(0, Math.min(MAX_HEIGHT, Math.ceil(data.height))) + "px";
      return;
    }
  });
})();
