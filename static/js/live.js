// Live regions over websockets, without dependencies.
//
// <div data-live-url="/ws/...">                    one socket per element
//   <section id="x" data-live-events="a b"          events this region listens to
//            data-live-src="/page/?partial=x"       where its HTML (as this user may see it) comes from
//            data-live-item="/forums/p/0/"          optional: fetch only the changed item (0 -> event.post)
//            data-live-append="#posts">             optional: where new items go
//
// Events are small ("post.created", post id); the HTML is fetched per user, so nobody receives what they may not
// see. After a dropped connection the socket reconnects with backoff and every region is re-fetched, so nothing
// is missed.
(function () {
  "use strict";

  function fetchHtml(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    });
  }

  function toElement(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function activate(element) {
    if (element && window.htmx) { window.htmx.process(element); }
  }

  function refreshRegion(region) {
    var src = region.getAttribute("data-live-src");
    if (!src) { return Promise.resolve(); }
    return fetchHtml(src).then(function (html) {
      var fresh = toElement(html);
      if (!fresh) { return; }
      var current = document.getElementById(region.id) || region;
      current.replaceWith(fresh);
      activate(fresh);
    });
  }

  function refreshItem(region, itemId) {
    var url = region.getAttribute("data-live-item").replace(/\/0\/$/, "/" + encodeURIComponent(itemId) + "/");
    return fetchHtml(url).then(function (html) {
      var fresh = toElement(html);
      if (!fresh) { return; }
      var existing = document.getElementById(fresh.id);
      if (existing) {
        existing.replaceWith(fresh);
      } else {
        var container = document.querySelector(region.getAttribute("data-live-append")) || region;
        container.appendChild(fresh);
      }
      activate(fresh);
    });
  }

  function regionsFor(root, eventName) {
    return Array.prototype.filter.call(root.querySelectorAll("[data-live-events]"), function (region) {
      return !eventName || region.getAttribute("data-live-events").split(/\s+/).indexOf(eventName) !== -1;
    });
  }

  // The status line carries its own translated text: <p data-live-status data-offline="…">.
  function setStatus(root, offline) {
    var status = root.querySelector("[data-live-status]") || document.querySelector("[data-live-status]");
    if (status) { status.textContent = offline ? status.getAttribute("data-offline") || "" : ""; }
  }

  function connect(root) {
    var path = root.getAttribute("data-live-url");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var delay = 1000;
    var everConnected = false;

    function open() {
      var socket = new WebSocket(scheme + window.location.host + path);
      socket.addEventListener("open", function () {
        delay = 1000;
        setStatus(root, false);
        if (everConnected) {
          // Whatever happened while we were away: fetch every region again.
          regionsFor(root).forEach(function (region) { refreshRegion(region).catch(function () {}); });
        }
        everConnected = true;
      });
      socket.addEventListener("message", function (message) {
        var event;
        try { event = JSON.parse(message.data); } catch (error) { return; }
        regionsFor(root, event.event).forEach(function (region) {
          var work = event.post && region.hasAttribute("data-live-item")
            ? refreshItem(region, event.post)
            : refreshRegion(region);
          work.catch(function () { refreshRegion(region).catch(function () {}); });
        });
      });
      socket.addEventListener("close", function (close) {
        if (close.code === 4403 || close.code === 4401) { return; } // not allowed: do not hammer the server
        setStatus(root, true);
        window.setTimeout(open, delay + Math.floor(Math.random() * 500));
        delay = Math.min(delay * 2, 30000);
      });
    }
    open();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live-url]"), connect);
  }

  // Forms that add to a live region are emptied after a successful htmx submit.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form[data-reset-on-success]");
    if (form && event.detail.successful) { form.reset(); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
