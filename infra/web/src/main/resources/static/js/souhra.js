// Souhra web UI: htmx carries the CSRF token; live parts re-fetch themselves when the server says the record changed.
(function () {
    'use strict';
    function meta(name) {
        var m = document.querySelector('meta[name="' + name + '"]');
        return m ? m.getAttribute('content') : null;
    }

    document.addEventListener('htmx:configRequest', function (e) {
        var header = meta('csrf-header'), token = meta('csrf-token');
        if (header && token) { e.detail.headers[header] = token; }
    });

    function live(container) {
        var url = container.getAttribute('data-live');
        if (!url || !window.EventSource) { return; }
        var source = new EventSource(url);
        source.addEventListener('changed', function (ev) {
            var record = container.querySelector('[data-version]');
            // a record that shows its version is fetched only when the change is newer than what is on screen
            if (record && Number(ev.data) <= Number(record.getAttribute('data-version'))) { return; }
            htmx.ajax('GET', container.getAttribute('data-src'), {target: container, swap: 'innerHTML'});
        });
        // pagehide also fires when the page goes into the back-forward cache, where an open stream would hold a connection
        window.addEventListener('pagehide', function () { source.close(); });
    }

    function verify(box) {
        var button = document.getElementById('verify-start');
        var bar = document.getElementById('verify-progress');
        var count = document.getElementById('verify-count');
        var result = document.getElementById('verify-result');
        button.addEventListener('click', function () {
            button.disabled = true;
            result.textContent = '';
            result.className = '';
            var source = new EventSource(box.getAttribute('data-run'));
            source.addEventListener('progress', function (ev) {
                var p = JSON.parse(ev.data);
                bar.max = Math.max(1, p.total);
                bar.value = p.done;
                count.textContent = box.getAttribute('data-progress').replace('{0}', p.done).replace('{1}', p.total);
            });
            source.addEventListener('result', function (ev) {
                var r = JSON.parse(ev.data);
                source.close();
                button.disabled = false;
                bar.max = Math.max(1, r.entries);
                bar.value = r.entries;
                result.className = r.ok ? 'good' : 'bad';
                var text = (r.ok ? box.getAttribute('data-ok') : box.getAttribute('data-broken')).replace('{0}', r.entries);
                var p = document.createElement('p');
                p.id = r.ok ? 'verify-ok' : 'verify-broken';
                p.textContent = text;
                result.appendChild(p);
                var list = document.createElement('ul');
                (r.regions || []).forEach(function (g) {
                    var li = document.createElement('li');
                    var name = document.querySelector('#region-names [data-code="' + g.region + '"]');
                    li.textContent = (name ? name.textContent : g.region) + ': ' + g.entries + (g.ok ? ' ✓ ' + (g.headDigest || '').substring(0, 16)
                        : ' ✗ #' + g.firstBrokenPosition + ' ' + g.problem + ' ' + (g.detail || ''));
                    list.appendChild(li);
                });
                result.appendChild(list);
            });
            source.onerror = function () { source.close(); button.disabled = false; };
        });
    }

    /** Each cell of a table knows its column's name: on a phone the row is shown as a card, cell under name. */
    function labelCells(root) {
        root.querySelectorAll('table.grid').forEach(function (table) {
            var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
            table.querySelectorAll('tbody tr').forEach(function (tr) {
                Array.prototype.forEach.call(tr.children, function (td, i) {
                    if (heads[i] && td.tagName === 'TD' && !td.hasAttribute('colspan')) { td.setAttribute('data-label', heads[i]); }
                });
            });
        });
    }

    /**
     * After a refused form: every message is tied to its field (aria-invalid, aria-describedby), and the
     * first field in trouble gets the focus, scrolled into the middle of the screen, so nobody takes the
     * reloaded page for a saved one.
     */
    function refusals() {
        var first = null;
        document.querySelectorAll('.field-error[data-field]').forEach(function (p) {
            var form = p.closest('form');
            var field = form && form.querySelector('[name="' + p.getAttribute('data-field') + '"]');
            if (!field) { return; }
            field.setAttribute('aria-invalid', 'true');
            var described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            if (described.indexOf(p.id) < 0) { described.push(p.id); }
            field.setAttribute('aria-describedby', described.join(' '));
            if (!first) { first = field; }
        });
        if (!first) {
            first = document.querySelector('.form-error');
            if (first) { first.setAttribute('tabindex', '-1'); }
        }
        if (first) {
            first.focus({preventScroll: true});
            first.scrollIntoView({block: 'center'});
        }
    }

    /**
     * An irreversible action asks first, in a modal dialog; the form then goes with "confirmed". Without
     * the dialog (or without script) the server asks on a page of its own.
     */
    function confirmations() {
        var dialog = document.getElementById('confirm-dialog');
        if (!dialog || typeof dialog.showModal !== 'function') { return; }
        var pending = null;
        document.addEventListener('click', function (e) {
            var button = e.target.closest('button[data-confirm]');
            if (!button || !button.form || button.form.querySelector('input[name="confirmed"]')) { return; }
            e.preventDefault();
            pending = button;
            document.getElementById('confirm-question').textContent = button.getAttribute('data-confirm');
            dialog.returnValue = '';
            dialog.showModal();
            document.getElementById('confirm-no').focus();
        });
        dialog.addEventListener('close', function () {
            var button = pending;
            pending = null;
            if (!button) { return; }
            if (dialog.returnValue !== 'yes') { button.focus(); return; }
            var confirmed = document.createElement('input');
            confirmed.type = 'hidden';
            confirmed.name = 'confirmed';
            confirmed.value = 'true';
            button.form.appendChild(confirmed);
            button.form.requestSubmit(button);
        });
    }

    /**
     * After a live update: the form fields that show the record's current value (data-follow) take the new
     * one unless the user has already changed them, and a polite notice says the record changed.
     */
    function followed(container) {
        var record = container.querySelector('[data-version]');
        if (!record) { return; }
        document.querySelectorAll('[data-follow]').forEach(function (field) {
            var now = record.getAttribute('data-' + field.getAttribute('data-follow'));
            if (now === null || field.value !== field.defaultValue || field.getAttribute('aria-invalid') === 'true') { return; }
            field.value = now;
            field.defaultValue = now;
        });
        var notice = document.getElementById('live-notice');
        if (notice && container.getAttribute('data-updated')) {
            notice.textContent = container.getAttribute('data-updated');
            notice.hidden = false;
        }
    }

    document.addEventListener('htmx:afterSwap', function (e) {
        labelCells(e.target);
        if (e.target.hasAttribute && e.target.hasAttribute('data-live')) { followed(e.target); }
    });

    document.addEventListener('DOMContentLoaded', function () {
        labelCells(document);
        refusals();
        confirmations();
        document.querySelectorAll('[data-live]').forEach(live);
        var box = document.getElementById('verify');
        if (box) { verify(box); }
    });
})();
