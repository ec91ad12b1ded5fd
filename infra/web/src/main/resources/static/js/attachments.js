// Uploads an attachment with a progress bar, then reloads the attachments panel. The CSRF token comes
// from the layout's meta tags; a refusal (a problem with a detail in the page's language) is shown as it is.
// The reload names the new attachment (expect=id): the read model folds the upload's event a moment after
// the 201, and the server holds the panel's answer until the list includes it.
(function () {
  if (window.souhraAttachments) return;
  window.souhraAttachments = true;
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('attachment-upload')) return;
    event.preventDefault();
    var input = form.querySelector('input[type=file]');
    if (!input.files.length) return;
    var progress = form.querySelector('progress');
    var status = form.querySelector('.attachment-status');
    var data = new FormData();
    data.append('file', input.files[0]);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'cs');
    var token = document.querySelector('meta[name=csrf-token]');
    var header = document.querySelector('meta[name=csrf-header]');
    if (token && header) xhr.setRequestHeader(header.content, token.content);
    progress.hidden = false;
    progress.value = 0;
    status.textContent = '';
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total);
    };
    xhr.onload = function () {
      if (xhr.status === 201) {
        status.textContent = form.dataset.done;
        var panel = form.closest('.attachments');
        var id = '';
        try { id = JSON.parse(xhr.responseText).id || ''; } catch (ignored) { }
        if (panel && window.htmx) {
          var from = panel.getAttribute('hx-get');
          window.htmx.ajax('GET', id ? from + '?expect=' + encodeURIComponent(id) : from, {target: panel, swap: 'innerHTML'});
        }
        return;
      }
      var detail = '';
      try { detail = JSON.parse(xhr.responseText).detail || ''; } catch (ignored) { }
      progress.hidden = true;
      status.textContent = form.dataset.failed + (detail ? ' ' + detail : '');
    };
    xhr.onerror = function () {
      progress.hidden = true;
      status.textContent = form.dataset.failed;
    };
    xhr.send(data);
  });
})();
