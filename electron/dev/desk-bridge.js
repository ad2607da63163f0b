// The harness's stand-in for Electron's preload: installs `window.desk` (the DeskBridge shape of
// electron/preload/bridge.ts) over the loopback HTTP bridge. A static file, because the page's
// Content-Security-Policy allows no inline script. Development and tests only; never shipped.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="desk-token"]');
  var token = meta ? meta.getAttribute('content') : '';
  var listeners = new Set();

  function emit(event) {
    listeners.forEach(function (listener) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    });
  }

  function failure(message) {
    return { ok: false, code: 'INTERNAL', message: message };
  }

  async function call(name, input, callId) {
    var response;
    try {
      response = await fetch('./api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
        body: JSON.stringify({ name: name, input: input === undefined ? null : input, callId: callId || '' }),
      });
    } catch {
      return failure('无法连接数据服务（开发服务是否已停止？）');
    }
    if (!response.ok || !response.body) {
      var text = await response.text().catch(function () {
        return '';
      });
      try {
        var parsed = JSON.parse(text);
        if (parsed && parsed.outcome) return parsed.outcome;
      } catch {
        // not a JSON refusal: report the status and text below
      }
      return failure('数据服务拒绝了请求（' + response.status + '）' + (text ? '：' + text : ''));
    }
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffered = '';
    var outcome = null;
    for (;;) {
      var step = await reader.read();
      if (step.value) buffered += decoder.decode(step.value, { stream: !step.done });
      var newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        var line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line) continue;
        var message = JSON.parse(line);
        if (message.type === 'progress') emit({ callId: message.callId, done: message.done, total: message.total, label: message.label });
        else if (message.type === 'result') outcome = message.outcome;
      }
      if (step.done) break;
    }
    return outcome || failure('数据服务的回答不完整');
  }

  async function cancel(callId) {
    await fetch('./api/cancel', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
      body: JSON.stringify({ callId: callId }),
    }).catch(function () {});
  }

  // In order: a quick true-then-false (typing, then saving) must not arrive the other way round.
  var unsavedQueue = Promise.resolve();
  function setUnsavedWork(unsaved) {
    unsavedQueue = unsavedQueue.then(function () {
      return fetch('./api/unsaved-work', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
        body: JSON.stringify({ unsaved: unsaved === true }),
      }).then(
        function () {},
        function () {},
      );
    });
    return unsavedQueue;
  }

  function onProgress(listener) {
    listeners.add(listener);
    return function () {
      listeners.delete(listener);
    };
  }

  Object.defineProperty(window, 'desk', {
    value: Object.freeze({ call: call, cancel: cancel, onProgress: onProgress, setUnsavedWork: setUnsavedWork }),
    writable: false,
    configurable: false,
  });
})();
