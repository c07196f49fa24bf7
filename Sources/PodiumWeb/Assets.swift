/// The pages' style sheet and scripts, embedded in the binary: no CDN, no build step.
/// Scripts write text only with `textContent` (never `innerHTML`).
enum Assets {
    static let css = #"""
    :root { color-scheme: light dark; --accent: #0b6bcb; --live: #b35c00; }
    * { box-sizing: border-box; }
    /* Any text may be one long unbroken word (a URL, a name, a line of latin letters): it wraps
       anywhere rather than widen a phone's page past its screen. */
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", sans-serif; overflow-wrap: anywhere; }
    /* One grapheme cluster can be wider than a phone (hundreds of joiners): it cannot wrap, so
       what sticks out is clipped rather than widen the page. */
    main { max-width: 40rem; margin: 0 auto; padding: 1rem; overflow-x: clip; }
    .event { margin: 0; opacity: .7; font-size: .9rem; }
    h1 { font-size: 1.4rem; margin: .2rem 0; overflow-wrap: anywhere; }
    h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
    .speaker { margin: 0; opacity: .8; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; unicode-bidi: isolate; overflow-x: clip; }
    textarea, input[type=text], input[type=password] { width: 100%; font: inherit; padding: .5rem; border: 1px solid #888; border-radius: .4rem; }
    label { display: block; margin-top: .6rem; font-size: .9rem; }
    .row { text-align: right; font-size: .8rem; opacity: .7; }
    .counter.over { color: #c00; opacity: 1; font-weight: bold; }
    button { font: inherit; padding: .5rem 1.2rem; margin-top: .6rem; border-radius: .4rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; }
    button[disabled] { opacity: .5; }
    .notice { color: #087a2f; font-weight: bold; }
    .error { color: #c00; font-weight: bold; }
    .live { border-left: .3rem solid var(--live); padding: .3rem .8rem; background: rgba(179, 92, 0, .08); }
    ol#questions, ul#mine { list-style: none; padding: 0; margin: 0; }
    ol#questions li { border-bottom: 1px solid rgba(128,128,128,.3); padding: .6rem 0; }
    ol#questions li.is-live { border-left: .3rem solid var(--live); padding-left: .6rem; }
    .meta { margin: 0; font-size: .85rem; opacity: .7; }
    .vote { margin-top: .3rem; padding: .2rem .8rem; background: transparent; color: var(--accent); }
    .vote[aria-pressed=true] { background: var(--accent); color: #fff; }
    .sort a { margin-right: .8rem; }
    .sort a[aria-current=true] { font-weight: bold; text-decoration: none; }
    ul#mine li { padding: .3rem 0; }
    ul#mine .status { font-size: .85rem; opacity: .8; }
    .offline { position: fixed; right: .5rem; bottom: .5rem; background: #c00; color: #fff; padding: .1rem .5rem; border-radius: .3rem; font-size: .8rem; }
    [hidden] { display: none !important; }

    body.stage { background: #000; color: #eee; height: 100vh; overflow: hidden; }
    body.stage main { max-width: none; height: 100vh; display: flex; flex-direction: column; padding: 2vh 3vw; }
    body.stage header { display: flex; gap: 2vw; font-size: 3vh; align-items: baseline; }
    /* Flex items shrink below their text only with min-width 0: a long title is cut with an ellipsis. */
    body.stage .session { font-weight: bold; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    body.stage .speaker { opacity: .7; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; flex-shrink: 2; }
    body.stage .clock, body.stage .offline { flex-shrink: 0; white-space: nowrap; }
    body.stage .clock { margin-left: auto; opacity: .8; }
    body.stage .offline { position: static; font-size: 2vh; }
    body.stage .message { background: #f5c400; color: #000; font-weight: bold; font-size: 5vh; text-align: center; margin: 1vh 0; padding: 1vh; overflow-wrap: anywhere; }
    body.stage .time { flex: 1; display: flex; align-items: center; justify-content: center; font-weight: bold;
      font-variant-numeric: tabular-nums; font-size: min(40vh, 24vw); line-height: 1; white-space: nowrap; }
    /* Hours, or overtime's "+": up to 8 characters still fit the width. */
    body.stage .time.long { font-size: min(40vh, 17vw); }
    body.stage .status { text-align: center; font-size: 3vh; margin: 0; opacity: .8; }
    body.stage .live { font-size: 4vh; background: transparent; border-left-color: #ff9d2e; overflow-wrap: anywhere; }
    body.stage .live .q { background: #ff9d2e; color: #000; padding: 0 .5rem; font-weight: bold; }
    body.stage .next { font-size: 2.5vh; opacity: .6; margin: 0; }
    body.phase-idle .time { color: #888; }
    body.phase-normal .time { color: #3ddc84; }
    body.phase-warning .time { color: #f5c400; }
    body.phase-danger .time { color: #ff3b30; }
    body.phase-overtime .time { color: #ff3b30; animation: flash 1s steps(1) infinite; }
    @keyframes flash { 50% { opacity: .15; } }
    @media (prefers-reduced-motion: reduce) { body.phase-overtime .time { animation: none; } }
    """#

    static let audienceJS = #"""
    "use strict";
    (function () {
      var ja = document.documentElement.lang === "ja";
      var T = ja ? {
        sent: "送信しました。モデレーターの確認を待っています。", sentNoReview: "送信しました。質問の列に入りました。",
        vote: "いいね", voted: "いいね済み", review: "確認待ち", queued: "質問の列に入りました", live: "いま回答中",
        answered: "回答済み", dismissed: "今回は取り上げられませんでした", merged: "同じ質問とまとめられました",
        retry: "送信できませんでした。文章は残してあります。自動で再送します…", tooFast: "少し待ってからもう一度送ってください。",
        tooLong: "長すぎます", ended: "イベントは終了しました。ありがとうございました!"
      } : {
        sent: "Sent. It is waiting for review by the moderators.", sentNoReview: "Sent. It is in the queue.",
        vote: "Vote", voted: "Voted", review: "waiting for review", queued: "in the queue", live: "being asked now",
        answered: "answered", dismissed: "not taken", merged: "merged with the same question",
        retry: "Could not send. Your text is kept and will be sent again…", tooFast: "Please wait a moment before sending again.",
        tooLong: "Too long", ended: "The event has ended. Thank you!"
      };
      var MAX = 1000;
      var $ = function (id) { return document.getElementById(id); };
      var form = $("ask"), text = $("text"), author = $("author"), counter = $("counter");
      var notice = $("notice"), error = $("error"), sendButton = $("send");
      var review = document.body.getAttribute("data-review") === "1";
      var from = document.body.getAttribute("data-from") || "";
      var sortByTime = localStorage.getItem("podium.sort") === "time";
      var last = null, composing = false, sending = false, retryTimer = null, retryDelay = 2000;

      function chars(s) { return Array.from(s).length; }
      function show(el, message) { if (!el) return; el.textContent = message || ""; el.hidden = !message; }
      function updateCounter() {
        if (!counter) return;
        var n = chars(text.value);
        counter.textContent = n + " / " + MAX;
        counter.classList.toggle("over", n > MAX);
      }

      if (text) {
        // A question being typed survives a reload or a dropped connection.
        if (!text.value) text.value = localStorage.getItem("podium.draft") || "";
        if (author && !author.value) author.value = localStorage.getItem("podium.name") || "";
        updateCounter();
        text.addEventListener("input", function () { localStorage.setItem("podium.draft", text.value); updateCounter(); });
        text.addEventListener("compositionstart", function () { composing = true; });
        text.addEventListener("compositionend", function () { composing = false; updateCounter(); });
        // Enter sends, Shift+Enter starts a new line; never in the middle of input-method
        // composition (the Enter that confirms a Japanese conversion).
        text.addEventListener("keydown", function (e) {
          if (e.key !== "Enter" || e.shiftKey) return;
          if (composing || e.isComposing || e.keyCode === 229) return;
          e.preventDefault();
          submit();
        });
        if (author) author.addEventListener("change", function () { localStorage.setItem("podium.name", author.value); });
        form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
      }

      function submit() {
        if (sending) return;
        var body = text.value.trim();
        if (!body) return;
        if (chars(body) > MAX) { show(error, T.tooLong); return; }
        if (author) localStorage.setItem("podium.name", author.value);
        sending = true;
        sendButton.disabled = true;
        var payload = { text: body, author: author ? author.value : "" };
        if (from) payload.from = from;
        fetch("/api/questions", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload)
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (json) {
            sending = false;
            sendButton.disabled = false;
            if (response.status === 201) {
              text.value = "";
              localStorage.removeItem("podium.draft");
              updateCounter();
              retryDelay = 2000;
              show(error, "");
              show(notice, review ? T.sent : T.sentNoReview);
              return;
            }
            if (response.status === 429) { show(error, json.error || T.tooFast); return; }
            if (response.status >= 500) { scheduleRetry(); return; }
            show(error, json.error || ("" + response.status));
          });
        }).catch(function () { sending = false; sendButton.disabled = false; scheduleRetry(); });
      }

      function scheduleRetry() {
        show(notice, "");
        show(error, T.retry);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(submit, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }

      function vote(id, on) {
        fetch("/api/questions/" + encodeURIComponent(id) + "/vote", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json" }, body: JSON.stringify({ vote: on })
        }).then(function (r) { if (r.status === 429) show(error, T.tooFast); });
      }

      // Control characters (an escape sequence from a chat bridge) show as their symbols,
      // as on the server-rendered page.
      function visible(s) {
        return String(s).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, function (c) {
          return c === "\u007f" ? "\u2421" : String.fromCharCode(0x2400 + c.charCodeAt(0));
        });
      }
      function el(tag, cls, content) {
        var node = document.createElement(tag);
        if (cls) node.className = cls;
        if (content !== undefined) node.textContent = visible(content);
        return node;
      }

      function render(update) {
        last = update;
        var p = update.public, me = update.me;
        if (p.ended) { $("session").textContent = T.ended; }
        else if (p.session) { $("session").textContent = p.session.title; if ($("speaker")) $("speaker").textContent = p.session.speaker || ""; }
        var voted = {};
        me.voted.forEach(function (id) { voted[id] = true; });
        var live = p.questions.filter(function (q) { return q.status === "live"; })[0];
        $("live").hidden = !live;
        $("live-text").textContent = live ? visible(live.text) : "";
        var list = p.questions.slice().sort(function (a, b) {
          if ((a.status === "live") !== (b.status === "live")) return a.status === "live" ? -1 : 1;
          if (!sortByTime && a.votes !== b.votes) return b.votes - a.votes;
          return b.askedAt - a.askedAt;
        });
        var ol = $("questions");
        var items = list.map(function (q) {
          var li = el("li", q.status === "live" ? "is-live" : "");
          li.setAttribute("data-id", q.id);
          li.appendChild(el("p", "text", q.text));
          var meta = el("p", "meta");
          meta.appendChild(el("span", "author", q.author));
          li.appendChild(meta);
          var on = !!voted[q.id];
          var button = el("button", "vote", (on ? T.voted : T.vote) + " ");
          button.type = "button";
          button.setAttribute("aria-pressed", on ? "true" : "false");
          button.appendChild(el("span", "count", String(q.votes)));
          button.addEventListener("click", function () { vote(q.id, !on); });
          li.appendChild(button);
          return li;
        });
        ol.replaceChildren.apply(ol, items);
        $("empty").hidden = list.length > 0;
        var mine = $("mine");
        mine.replaceChildren.apply(mine, me.asked.slice().reverse().map(function (q) {
          var li = el("li");
          li.setAttribute("data-status", q.status);
          li.appendChild(el("span", "text", q.text));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("span", "status", T[q.status] || q.status));
          return li;
        }));
        $("mine-section").hidden = me.asked.length === 0;
      }

      function setSort(byTime, e) {
        if (e) e.preventDefault();
        sortByTime = byTime;
        localStorage.setItem("podium.sort", byTime ? "time" : "votes");
        $("sort-time").setAttribute("aria-current", byTime ? "true" : "false");
        $("sort-votes").setAttribute("aria-current", byTime ? "false" : "true");
        if (last) render(last);
      }
      $("sort-time").addEventListener("click", function (e) { setSort(true, e); });
      $("sort-votes").addEventListener("click", function (e) { setSort(false, e); });

      // Live updates; the browser reconnects by itself after a drop.
      var silence = null;
      function alive() {
        $("offline").hidden = true;
        clearTimeout(silence);
        silence = setTimeout(function () { $("offline").hidden = false; }, 45000);
      }
      // Not after a refusal (503: the server has all the connections it takes): then again
      // a little later, at a random moment so that refused pages do not all come back at once.
      function connect() {
        var source = new EventSource("/api/events");
        source.addEventListener("state", function (e) { alive(); render(JSON.parse(e.data)); });
        source.addEventListener("ping", function () { alive(); });
        source.onerror = function () {
          $("offline").hidden = false;
          if (source.readyState === 2) setTimeout(connect, 10000 + Math.random() * 10000);
        };
      }
      connect();
      window.podiumReady = true;
    })();
    """#

    static let stageJS = #"""
    "use strict";
    (function () {
      var $ = function (id) { return document.getElementById(id); };
      var ja = document.documentElement.lang === "ja";
      var offset = 0, data = null, lastSeen = 0;

      function visible(s) {
        return String(s).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, function (c) {
          return c === "\u007f" ? "\u2421" : String.fromCharCode(0x2400 + c.charCodeAt(0));
        });
      }
      function pad(n) { return n < 10 ? "0" + n : "" + n; }
      function clock(s) {
        var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
        return h > 0 ? h + ":" + pad(m) + ":" + pad(sec) : m + ":" + pad(sec);
      }
      // The same reading as the terminal's speaker view: remaining time rounds up, overtime
      // counts whole seconds past zero.
      function tick() {
        var now = Date.now() + offset;
        var d = new Date(now);
        $("clock").textContent = pad(d.getHours()) + ":" + pad(d.getMinutes());
        if (!data || !data.timer) return;
        var t = data.timer;
        var elapsed = t.elapsedBeforeRun;
        if (t.status === "running" && t.runningSince !== null) elapsed += Math.max(0, (now - t.runningSince) / 1000);
        var remaining = t.allowed - elapsed;
        var phase, text;
        if (remaining > 0) {
          var left = Math.ceil(remaining);
          text = clock(left);
          phase = left <= t.danger ? "danger" : (left <= t.warning ? "warning" : "normal");
        } else {
          text = "+" + clock(Math.floor(-remaining));
          phase = "overtime";
        }
        if (t.status === "idle") phase = "idle";
        $("time").textContent = text;
        $("time").className = text.length > 6 ? "time long" : "time";
        document.body.className = "stage phase-" + phase;
        var used = clock(Math.floor(elapsed)), allowed = clock(t.allowed);
        var paused = t.status === "paused", status;
        if (ja) {
          if (t.status === "idle") status = "未開始 · 予定 " + allowed;
          else status = (paused ? "一時停止 · " : "") + (phase === "overtime" ? "時間超過 · " : "") + "経過 " + used + " / 予定 " + allowed;
        } else {
          if (t.status === "idle") status = "not started · " + allowed + " planned";
          else if (phase === "overtime") status = (paused ? "PAUSED · " : "") + "OVER TIME · " + used + " of " + allowed;
          else status = (paused ? "PAUSED · used " : "used ") + used + " of " + allowed;
        }
        $("status").textContent = status;
        if (Date.now() - lastSeen > 45000) $("offline").hidden = false;
      }

      function render(update) {
        var p = update.public;
        data = p;
        $("session").textContent = p.session ? visible(p.session.title) : "";
        $("speaker").textContent = p.session && p.session.speaker ? visible(p.session.speaker) : "";
        $("message").hidden = !p.message;
        $("message").textContent = visible(p.message || "");
        var live = p.questions.filter(function (q) { return q.status === "live"; })[0];
        $("live").hidden = !live;
        $("live-text").textContent = live ? visible(live.text) : "";
        $("next").textContent = p.next ? (ja ? "次: " : "Next: ") + visible(p.next.title) : "";
        tick();
      }

      function seen(update) {
        // The offset to the server's clock, measured on every update.
        offset = update.now - Date.now();
        lastSeen = Date.now();
        $("offline").hidden = true;
      }

      // The browser reconnects by itself after a drop, but not after a refusal (a 503 when
      // the server has all the connections it takes): then try again a little later.
      function connect() {
        var source = new EventSource("/api/events?stage=1");
        source.addEventListener("state", function (e) { var u = JSON.parse(e.data); seen(u); render(u); });
        source.addEventListener("ping", function (e) { seen(JSON.parse(e.data)); });
        source.onerror = function () {
          $("offline").hidden = false;
          if (source.readyState === 2) setTimeout(connect, 10000 + Math.random() * 10000);
        };
      }
      connect();
      setInterval(tick, 250);

      // Keep the projector's screen awake where the browser can.
      function wake() {
        if (navigator.wakeLock && document.visibilityState === "visible") {
          navigator.wakeLock.request("screen").catch(function () {});
        }
      }
      document.addEventListener("visibilitychange", wake);
      wake();
      window.podiumReady = true;
    })();
    """#
}
