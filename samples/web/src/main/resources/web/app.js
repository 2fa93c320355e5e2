// The web sample's only script (the Content-Security-Policy allows no inline script).
// It streams uploads with progress, shows the wait while a SecuPass is being derived, polls the
// sender's notices and a guest's wait for release. Nothing secret passes through it except what
// the user types into a form, which the browser posts as usual.
(function () {
  'use strict';

  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  // "42% · 12 s left": the share sent so far, and the time the rest takes at the speed so far.
  function progressText(loaded, total, startedAt) {
    var percent = Math.floor(loaded * 100 / Math.max(total, 1));
    var seconds = (Date.now() - startedAt) / 1000;
    if (loaded === 0 || seconds < 0.3) {
      return percent + '%';
    }
    var left = Math.ceil(seconds * (total - loaded) / loaded);
    return percent + '% · ' + (left < 60 ? left + ' s'
      : Math.floor(left / 60) + ' min ' + (left % 60) + ' s') + ' left';
  }

  // The browser client's page glue (client.js) shows its uploads' progress the same way.
  window.secupassProgressText = progressText;

  // Uploads one file as a raw request body; resolves with the server's handle.
  function upload(url, file, bar, status) {
    var startedAt = Date.now();
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          bar.max = e.total;
          bar.value = e.loaded;
          status.textContent = progressText(e.loaded, e.total, startedAt);
        }
      };
      xhr.onload = function () {
        if (xhr.status === 200) {
          bar.value = bar.max;
          status.textContent = '100% · done';
          resolve(xhr.responseText);
        } else {
          reject(new Error(file.name + ': ' + (xhr.responseText || xhr.statusText)));
        }
      };
      xhr.onerror = function () { reject(new Error(file.name + ': the upload failed')); };
      xhr.send(file);
    });
  }

  // Uploads every chosen file of a form one after the other, each with its progress bar.
  function uploadAll(form, input, done) {
    var list = form.querySelector('.progress-list');
    var error = form.querySelector('.error');
    var button = form.querySelector('button[type="submit"]');
    var files = Array.prototype.slice.call(input.files);
    error.hidden = true;
    if (files.length === 0) {
      error.textContent = 'Choose at least one file.';
      error.hidden = false;
      return;
    }
    button.disabled = true;
    list.textContent = '';
    var chain = Promise.resolve([]);
    files.forEach(function (file) {
      var row = document.createElement('div');
      row.className = 'progress';
      var label = document.createElement('span');
      label.textContent = file.name;
      var bar = document.createElement('progress');
      bar.max = Math.max(file.size, 1);
      bar.value = 0;
      var status = document.createElement('span');
      status.className = 'progress-text';
      row.appendChild(label);
      row.appendChild(bar);
      row.appendChild(status);
      list.appendChild(row);
      chain = chain.then(function (handles) {
        return upload(form.getAttribute('data-upload'), file, bar, status).then(function (handle) {
          return handles.concat([handle]);
        });
      });
    });
    chain.then(done, function (e) {
      error.textContent = e.message;
      error.hidden = false;
      button.disabled = false;
    });
  }

  var compose = document.getElementById('compose');
  if (compose) {
    compose.addEventListener('submit', function (event) {
      event.preventDefault();
      uploadAll(compose, document.getElementById('files'), function (handles) {
        handles.forEach(function (handle) {
          var field = document.createElement('input');
          field.type = 'hidden';
          field.name = 'file';
          field.value = handle;
          compose.appendChild(field);
        });
        var wait = document.createElement('p');
        wait.className = 'wait';
        wait.id = 'send-progress';
        wait.textContent = 'Encrypting and sending…';
        compose.appendChild(wait);
        // The page stays until the server answers; meanwhile it shows the SDK's progress.
        setInterval(function () {
          fetch('/send/progress', { credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.text() : ''; })
            .then(function (text) { if (text) { wait.textContent = text; } })
            .catch(function () {});
        }, 500);
        HTMLFormElement.prototype.submit.call(compose);
      });
    });
  }

  var roomUpload = document.getElementById('room-upload');
  if (roomUpload) {
    roomUpload.addEventListener('submit', function (event) {
      event.preventDefault();
      uploadAll(roomUpload, document.getElementById('room-files-input'), function () {
        window.location.reload();
      });
    });
  }

  // Copy buttons: put the text of the field they name on the clipboard, and say so.
  function copyField(button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    var copied = function () { button.textContent = 'Copied'; };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, function () {
        if (document.execCommand('copy')) { copied(); }
      });
    } else if (document.execCommand('copy')) {
      copied();
    }
  }

  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () { copyField(button); });
  });

  // Forms whose work takes a moment (deriving a key from a SecuPass) say so while it runs.
  document.querySelectorAll('form[data-wait]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var wait = form.querySelector('.wait');
      if (wait) {
        wait.textContent = form.getAttribute('data-wait');
        wait.hidden = false;
      }
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    });
  });

  // A sender's notices: who has chosen a SecuPass and waits for a key.
  var notices = document.getElementById('notices');
  if (notices && notices.getAttribute('data-poll')) {
    var poll = function () {
      fetch(notices.getAttribute('data-poll'), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (html) {
          if (notices.innerHTML !== html) {
            notices.innerHTML = html;
          }
        })
        .catch(function () {});
    };
    poll();
    setInterval(poll, 2000);
  }

  // A recipient waiting for the sender to release a delivery: open it once released.
  var waiting = document.getElementById('waiting');
  if (waiting) {
    var check = setInterval(function () {
      fetch(waiting.getAttribute('data-status'), { credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (state) {
          if (state === 'released') {
            clearInterval(check);
            document.getElementById(waiting.getAttribute('data-open-form')).submit();
          }
        })
        .catch(function () {});
    }, 2000);
  }
})();
