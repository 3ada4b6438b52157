// The conversation page, enhanced: every part of it also works without this file (plain form
// posts and a reload). No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  function messages() { return document.getElementById("conversation-messages"); }

  // After new messages arrive (a poll, or the answer to a send): drop any message shown twice,
  // remember the newest id for the next poll, and list my own messages so their status updates.
  function tidy() {
    var list = messages();
    if (!list) { return; }
    var seen = {}, newest = Number(list.dataset.newest || 0);
    list.querySelectorAll("li.message").forEach(function (item) {
      var id = Number(item.dataset.id);
      if (seen[id]) { item.remove(); return; }
      seen[id] = true;
      newest = Math.max(newest, id);
      if (item.classList.contains("message-mine") && !document.querySelector('#poll-state input[name="mine"][value="' + id + '"]')) {
        var mine = document.createElement("input");
        mine.type = "hidden"; mine.name = "mine"; mine.value = String(id);
        document.getElementById("poll-state").appendChild(mine);
      }
    });
    list.dataset.newest = String(newest);
    var after = document.getElementById("poll-after");
    if (after) { after.value = String(newest); }
    var empty = document.getElementById("no-messages");
    if (empty && list.children.length) { empty.remove(); }
  }

  document.addEventListener("htmx:afterSettle", tidy);

  // The live side: when a socket can be opened, what arrives appears at once; when it cannot
  // (an old browser, a proxy that drops sockets), the page keeps polling and nothing is lost.
  var socket = null, typingTimer = null;

  function connect() {
    var list = messages();
    if (!list || !("WebSocket" in window)) { return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + list.dataset.socket);
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "message") {
        list.insertAdjacentHTML("beforeend", data.html);
        tidy();
        var item = document.getElementById("message-" + data.id);
        if (item && !item.classList.contains("message-mine") && !document.hidden) {
          socket.send(JSON.stringify({ type: "read", up_to: data.id }));
        }
      } else if (data.type === "read") {
        document.querySelectorAll(".message-mine .message-status").forEach(function (status) {
          if (Number(status.id.replace("status-", "")) <= data.up_to) { status.textContent = "read"; }
        });
      } else if (data.type === "typing") {
        var note = document.getElementById("typing-note");
        if (!note) { return; }
        note.textContent = note.dataset.label;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { note.textContent = ""; }, 5000);
      }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      if (event.code !== 4404) { setTimeout(connect, 5000); }  // try again; polling goes on
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.id === "id_body" && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "typing" }));
    }
  });

  document.addEventListener("DOMContentLoaded", connect);

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target.id === "compose") {
      var state = document.getElementById("send-state");
      if (state) { state.textContent = event.target.dataset.sendingLabel || "Sending…"; }
    }
  });

  // The coach's gentler words, taken with one click: the flagged words are found again by
  // counting their appearances (the draft may have changed since the coach looked), replaced,
  // and the coach looks again. Nothing is sent; the mentor still decides.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".coach-apply") : null;
    var box = document.getElementById("id_body");
    if (!button || !box) { return; }
    var words = button.dataset.excerpt, wanted = Number(button.dataset.occurrence || 0);
    var at = box.value.indexOf(words);
    for (var seen = 0; at !== -1 && seen < wanted; seen++) { at = box.value.indexOf(words, at + 1); }
    var status = document.getElementById("coach-status");
    if (at === -1) {
      if (status) { status.textContent = "Those words have changed since the coach looked; it will look again as you type."; }
      return;
    }
    var gentler = button.dataset.replacement;
    box.value = box.value.slice(0, at) + gentler + box.value.slice(at + words.length);
    box.focus();
    box.setSelectionRange(at + gentler.length, at + gentler.length);
    if (status) { status.textContent = "Changed to \u201c" + gentler + "\u201d. You can edit it before sending."; }
    if (window.htmx) { window.htmx.trigger(box, "keyup"); }
  });
})();
