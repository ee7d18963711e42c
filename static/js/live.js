// Live regions over websockets, without dependencies.
//
// <div data-live-url="/ws/...">                    one socket per element
//   <section id="x" data-live-events="a b"          events this region listens to
//            data-live-src="/page/?partial=x"       where its HTML (as this user may see it) comes from
//            data-live-item="/forums/p/0/"          optional: fetch only the changed item (0 -> event.post)
//            data-live-item-prefix="post-"          optional: element id of an item; an item not shown here
//                                                   (e.g. on another page) is then not fetched at all
//            data-live-append="#posts"              optional: where new items go
//            data-live-append-on="post.created"     optional: only these events append a missing item
//            data-live-read="/forums/t/1/read/">     optional: where to say up to which item the reader saw
//
// <section data-item-url="/forums/t/1/?post=0">   a link to "#post-<id>" whose post is not on this page loads
//                                                   the page that holds it (0 -> the id)
//
// Events are small ("post.changed", post id); the HTML is fetched per user, so nobody receives what they may not
// see. A new post's event may carry its HTML (`html`, per language), as the server rendered it once for every reader
// without controls of their own on it (forums/live.py): the page shows it without asking, with its own CSRF token in
// its forms, and later tells the server up to which post the reader saw (data-live-read). An event may also carry a
// part of the page that is the same for everyone it reaches (`part`: the id of the element it replaces; `html`), such
// as a meeting's presence list or a person's notification badge. After a dropped connection (e.g. its application
// node died) the socket reconnects with back-off and jitter (nginx sends it to a live node), joins its group again
// and every region is re-fetched, so nothing is missed; when the server loses Redis it says "live.offline" and, once
// Redis is back, "live.resync" (the same re-fetch), since events published meanwhile never reached anyone.
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

  function fetchRegion(region) {
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

  // A burst of events (a thousand participants joining a meeting, each one a presence change) must not become a
  // burst of fetches from every page: while a region's fetch is in flight, further events only mark it stale, and
  // one more fetch follows when it returns. Each page then asks at most once per round trip, and still ends fresh.
  var inFlight = {};
  function refreshRegion(region) {
    var id = region.id;
    if (!id) { return fetchRegion(region); }
    var running = inFlight[id];
    if (running) {
      running.again = true;
      return running.promise;
    }
    running = inFlight[id] = { again: false };
    function finish() {
      delete inFlight[id];
      if (running.again) { refreshRegion(document.getElementById(id) || region).catch(function () {}); }
    }
    running.promise = fetchRegion(region).then(finish, function (error) { finish(); throw error; });
    return running.promise;
  }

  function appends(region, eventName) {
    if (!region.hasAttribute("data-live-append")) { return false; }
    var only = region.getAttribute("data-live-append-on");
    return !only || only.split(/\s+/).indexOf(eventName) !== -1;
  }

  function showsItem(region, itemId, eventName) {
    var prefix = region.getAttribute("data-live-item-prefix");
    return prefix === null || !!document.getElementById(prefix + itemId) || appends(region, eventName);
  }

  // Puts a fresh item in place of its old self, or at the end where new items go; false when it has no place here.
  function placeItem(region, fresh, eventName) {
    if (!fresh) { return false; }
    var existing = document.getElementById(fresh.id);
    if (existing) {
      existing.replaceWith(fresh);
    } else if (appends(region, eventName)) {
      var container = document.querySelector(region.getAttribute("data-live-append")) || region;
      container.appendChild(fresh);
    } else {
      return false;
    }
    activate(fresh);
    return true;
  }

  function refreshItem(region, itemId, eventName) {
    if (!showsItem(region, itemId, eventName)) {
      return Promise.resolve(); // not shown here (another page of the topic): nothing to update
    }
    var url = region.getAttribute("data-live-item").replace(/\/0\/$/, "/" + encodeURIComponent(itemId) + "/");
    return fetchHtml(url).then(function (html) { placeItem(region, toElement(html), eventName); });
  }

  // The HTML an event carries for this page's language, if any.
  function pushedHtml(event) {
    return event.html && event.html[document.documentElement.lang];
  }

  // Events read on the server at `at` (ns) may arrive in the other order: true when one was already shown for `key`
  // that had been read later; otherwise this one becomes the newest shown.
  function isStale(shownAt, key, at) {
    if (shownAt[key] && at && at < shownAt[key]) { return true; }
    shownAt[key] = at || shownAt[key];
    return false;
  }

  // The page's own CSRF token (base.html gives it to htmx as a header).
  function pageCsrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // An item that came with its event (in the page's language): shown without a request, its forms given the page's
  // CSRF token (the server's rendering holds nobody's). False when the event has none for this page: fetch it.
  function showPushedItem(region, event) {
    var html = pushedHtml(event);
    if (!html) { return false; }
    if (!showsItem(region, event.post, event.event)) { return true; }
    var fresh = toElement(html);
    if (!fresh) { return false; }
    Array.prototype.forEach.call(fresh.querySelectorAll('input[name="csrfmiddlewaretoken"]'), function (input) {
      input.value = pageCsrfToken();
    });
    if (placeItem(region, fresh, event.event)) { readUpTo(region, event.post); }
    return true;
  }

  // A fetched item was marked read by the server as it answered; one that came with its event was not. The page
  // says up to which item its reader saw, at most every 15 s and when it is left or hidden: one request per reader
  // for any number of posts, instead of one per post.
  var seenUpTo = {};
  var readTimer = null;
  function readUpTo(region, itemId) {
    var url = region.getAttribute("data-live-read");
    if (!url) { return; }
    seenUpTo[url] = Math.max(seenUpTo[url] || 0, Number(itemId));
    if (!readTimer) { readTimer = window.setTimeout(sendRead, 15000); }
  }
  function sendRead() {
    window.clearTimeout(readTimer);
    readTimer = null;
    Object.keys(seenUpTo).forEach(function (url) {
      var data = new FormData();
      data.append("post", String(seenUpTo[url]));
      data.append("csrfmiddlewaretoken", pageCsrfToken());
      delete seenUpTo[url];
      if (!(navigator.sendBeacon && navigator.sendBeacon(url, data))) {
        fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true }).catch(function () {});
      }
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { sendRead(); }
  });
  window.addEventListener("pagehide", sendRead);

  function regionsFor(root, eventName) {
    return Array.prototype.filter.call(root.querySelectorAll("[data-live-events]"), function (region) {
      return !eventName || region.getAttribute("data-live-events").split(/\s+/).indexOf(eventName) !== -1;
    });
  }

  // A reaction's event carries the post's counts: the page shows them without fetching the post again (one request
  // per open page for a count). The reader's own "pressed" state comes with their own click's answer. Counts read
  // before the last ones shown are ignored (two reactions' events may arrive in the other order).
  var countsReadAt = {};
  function showReactionCounts(root, event) {
    if (!event.post || !event.counts || isStale(countsReadAt, event.post, event.at)) { return; }
    var region = root.querySelector("[data-live-item-prefix]") || document.querySelector("[data-live-item-prefix]");
    var post = document.getElementById((region ? region.getAttribute("data-live-item-prefix") : "post-") + event.post);
    if (!post) { return; } // not shown here (another page of the topic)
    var language = document.documentElement.lang || undefined;
    Object.keys(event.counts).forEach(function (kind) {
      var count = post.querySelector('[data-reaction-count="' + kind + '"]');
      if (count) { count.textContent = Number(event.counts[kind]).toLocaleString(language); }
    });
  }

  // A part of a page that came with its event (the same for everyone who receives it, e.g. a meeting's presence
  // list): it replaces the element of that id, unless it was read before the one shown (events may cross). False
  // when the event has none in this page's language: the regions then fetch as for any event.
  var partsReadAt = {};
  function showPushedPart(event) {
    var html = pushedHtml(event);
    if (!html) { return false; }
    if (isStale(partsReadAt, event.part, event.at)) { return true; }
    var current = document.getElementById(event.part);
    var fresh = toElement(html);
    if (current && fresh) { current.replaceWith(fresh); activate(fresh); }
    return true;
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
        // The server lost its channel layer (Redis): updates pause until it says "resync", after which whatever
        // was published meanwhile is fetched by reloading every region.
        if (event.event === "live.offline") { setStatus(root, true); return; }
        if (event.event === "live.resync") {
          setStatus(root, false);
          regionsFor(root).forEach(function (region) { refreshRegion(region).catch(function () {}); });
          return;
        }
        if (event.event === "post.reacted") { showReactionCounts(root, event); return; }
        var pushed = event.part && showPushedPart(event);
        regionsFor(root, event.event).forEach(function (region) {
          // The part that came with the event stands for the region that is it or holds it (a meeting's panel
          // and its presence list); another region told of the same event (the notification list) still fetches.
          if (pushed && (region.id === event.part || region.querySelector("#" + event.part))) { return; }
          var item = event.post && region.hasAttribute("data-live-item");
          if (item && showPushedItem(region, event)) { return; }
          var work = item ? refreshItem(region, event.post, event.event) : refreshRegion(region);
          work.catch(function () { refreshRegion(region).catch(function () {}); });
        });
      });
      socket.addEventListener("close", function (close) {
        if (close.code === 4403 || close.code === 4401) { return; } // not allowed: do not hammer the server
        setStatus(root, true);
        // Exponential back-off (1 s, 2 s, 4 s ... 30 s) with jitter of half the delay either way: when a node dies,
        // the pages it held reconnect spread out over the others instead of all in the same instant.
        window.setTimeout(open, Math.round(delay * (0.5 + Math.random())));
        delay = Math.min(delay * 2, 30000);
      });
    }
    open();
  }

  // Old or hand-made links name only the topic and "#post-<id>": when that post is on another page, load it.
  function followItemLink() {
    var match = /^#post-(\d+)$/.exec(window.location.hash);
    var holder = document.querySelector("[data-item-url]");
    if (!match || !holder || document.getElementById("post-" + match[1])) { return; }
    if (new URLSearchParams(window.location.search).get("post") === match[1]) { return; } // asked already
    window.location.replace(holder.getAttribute("data-item-url").replace(/=0$/, "=" + match[1]) + match[0]);
  }

  function start() {
    followItemLink();
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
