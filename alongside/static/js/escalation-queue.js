// The coordinator's queue, live: when the socket says something changed, refresh the rows at
// once. Without it (no socket, or JavaScript off) the rows still refresh every ten seconds.
(function () {
  "use strict";
  function connect() {
    var rows = document.getElementById("escalation-rows");
    if (!rows || !("WebSocket" in window) || !window.htmx) { return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/coordinator/escalations/");
    socket.addEventListener("message", function () { window.htmx.trigger(rows, "refresh"); });
    socket.addEventListener("close", function (event) {
      if (event.code !== 4403) { setTimeout(connect, 5000); }
    });
  }
  document.addEventListener("DOMContentLoaded", connect);
})();
