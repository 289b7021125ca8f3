// The demo shop: products → product → cart → checkout as a single-page app (history.pushState, so the
// tracker's page views come from history changes), then a real navigation to thanks.html, so the
// checkout page is hidden and its last events leave by navigator.sendBeacon.
//
// Query parameters (kept for the tab in sessionStorage): gateway=<origin of the gateway> (default: this
// page's origin), key=<write key>, debug=true (the tracker's log, shown below the page),
// flush=<ms> (the tracker's flushInterval).
(function () {
  'use strict';

  var CATALOG = [
    { id: 'sku-tea', name: 'Green tea, 100 g', category: 'tea', price: 6.5 },
    { id: 'sku-mug', name: 'Stoneware mug', category: 'kitchen', price: 14.9 },
    { id: 'sku-kettle', name: 'Gooseneck kettle', category: 'kitchen', price: 49 },
    { id: 'sku-book', name: 'The tea book', category: 'books', price: 22.95 }
  ];

  var params = new URLSearchParams(location.search);
  var settings = JSON.parse(sessionStorage.getItem('demo_cfg') || '{}');
  ['gateway', 'key', 'debug', 'flush'].forEach(function (name) {
    if (params.has(name)) settings[name] = params.get(name);
  });
  sessionStorage.setItem('demo_cfg', JSON.stringify(settings));
  var gateway = (settings.gateway || location.origin).replace(/\/+$/, '');
  var view = document.getElementById('view');

  document.getElementById('gateway').textContent = gateway;

  // The tag a site would write in its HTML, built here so that the gateway's origin can be chosen.
  var tag = document.createElement('script');
  tag.src = gateway + '/sdk/clickstream.js';
  tag.dataset.host = gateway;
  if (settings.key) tag.dataset.writeKey = settings.key;
  if (settings.debug) tag.dataset.debug = settings.debug;
  if (settings.flush) tag.dataset.flushInterval = settings.flush;
  tag.onload = function () {
    if (view) render();
  };
  tag.onerror = function () {
    (view || document.body).insertAdjacentHTML('afterbegin', '<p class="notice">The tracker could not be loaded from '
      + escape(gateway) + '/sdk/clickstream.js: is the gateway running there?</p>');
  };
  document.head.appendChild(tag);

  function escape(text) {
    var span = document.createElement('span');
    span.textContent = String(text);
    return span.innerHTML;
  }

  function cart() {
    return JSON.parse(localStorage.getItem('demo_cart') || '[]');
  }

  function saveCart(items) {
    localStorage.setItem('demo_cart', JSON.stringify(items));
    var count = document.getElementById('cart-count');
    if (count) count.textContent = items.reduce(function (n, item) { return n + item.quantity; }, 0);
  }

  function product(id) {
    return CATALOG.filter(function (p) { return p.id === id; })[0];
  }

  function money(amount) {
    return Math.round(amount * 100) / 100;
  }

  function go(href) {
    history.pushState(null, '', href);
    render();
  }

  function render() {
    var q = new URLSearchParams(location.search);
    var name = q.get('view') || 'products';
    saveCart(cart());
    if (name === 'product' && product(q.get('id'))) renderProduct(product(q.get('id')));
    else if (name === 'cart') renderCart();
    else if (name === 'checkout') renderCheckout();
    else renderProducts();
  }

  function renderProducts() {
    document.title = 'Products – Clickstream demo shop';
    view.innerHTML = '<h1>Products</h1><ul class="products">' + CATALOG.map(function (p) {
      return '<li><a href="?view=product&amp;id=' + p.id + '" data-nav data-track="product:' + p.id + '" id="product-'
        + p.id + '">' + escape(p.name) + '</a><br><span class="price">' + p.price.toFixed(2) + ' EUR</span></li>';
    }).join('') + '</ul>';
  }

  function renderProduct(p) {
    document.title = p.name + ' – Clickstream demo shop';
    view.innerHTML = '<h1>' + escape(p.name) + '</h1><p class="price">' + p.price.toFixed(2) + ' EUR</p>'
      + '<p><label>Quantity <input id="quantity" type="number" min="1" max="10" value="1"></label> '
      + '<button id="add-to-cart" data-track="add-to-cart">Add to cart</button></p><p id="added" class="notice" hidden>'
      + 'Added. <a href="?view=cart" id="go-to-cart" data-nav data-track="go-to-cart">Go to the cart</a></p>';
    document.getElementById('add-to-cart').addEventListener('click', function () {
      var quantity = Math.max(1, Math.min(10, parseInt(document.getElementById('quantity').value, 10) || 1));
      var items = cart();
      var line = items.filter(function (item) { return item.id === p.id; })[0];
      if (line) line.quantity += quantity;
      else items.push({ id: p.id, price: p.price, quantity: quantity });
      saveCart(items);
      clickstream.track('add_to_cart', { product: { id: p.id, category: p.category, price: p.price, quantity: quantity } });
      document.getElementById('added').hidden = false;
    });
  }

  function renderCart() {
    document.title = 'Cart – Clickstream demo shop';
    var items = cart();
    if (!items.length) {
      view.innerHTML = '<h1>Cart</h1><p>Your cart is empty. <a href="./" data-nav data-track="nav:home">See the products</a></p>';
      return;
    }
    var total = money(items.reduce(function (sum, item) { return sum + item.price * item.quantity; }, 0));
    view.innerHTML = '<h1>Cart</h1><table><tr><th>Product</th><th>Quantity</th><th>Price</th></tr>'
      + items.map(function (item) {
        return '<tr><td>' + escape(product(item.id).name) + '</td><td>' + item.quantity + '</td><td>'
          + money(item.price * item.quantity).toFixed(2) + ' EUR</td></tr>';
      }).join('') + '<tr><th>Total</th><td></td><th id="total">' + total.toFixed(2) + ' EUR</th></tr></table>'
      + '<p><a href="?view=checkout" id="checkout" data-nav data-track="checkout">Checkout</a></p>';
  }

  function renderCheckout() {
    document.title = 'Checkout – Clickstream demo shop';
    var items = cart();
    var total = money(items.reduce(function (sum, item) { return sum + item.price * item.quantity; }, 0));
    view.innerHTML = '<h1>Checkout</h1><p>Total: <strong>' + total.toFixed(2) + ' EUR</strong></p>'
      + '<p><label>Your customer id or e-mail <input id="customer" value="customer-42"></label></p>'
      + '<p><button id="place-order" data-track="place-order"' + (items.length ? '' : ' disabled')
      + '>Place order</button></p>';
    document.getElementById('place-order').addEventListener('click', function () {
      var orderId = 'order-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
      clickstream.identify(document.getElementById('customer').value.trim() || null);
      clickstream.track('purchase', {
        order: {
          id: orderId,
          revenue: total,
          currency: 'EUR',
          items: items.map(function (item) {
            return { product_id: item.id, price: item.price, quantity: item.quantity };
          })
        }
      });
      saveCart([]);
      // A real navigation: this page is hidden, and the tracker hands its queue to sendBeacon.
      location.href = 'thanks.html?order=' + encodeURIComponent(orderId);
    });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-nav]');
    if (!link || !view || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    go(link.getAttribute('href'));
  });
  window.addEventListener('popstate', function () {
    if (view) render();
  });

  var orderId = document.getElementById('order-id');
  if (orderId) orderId.textContent = params.get('order') || '';

  // The tracker's debug log (data-debug="true"): every event, the transport that sent it and its result.
  var log = document.getElementById('tracker-log');
  function showLog() {
    var entries = JSON.parse(sessionStorage.getItem('cs_debug') || '{}');
    log.querySelector('tbody').innerHTML = Object.keys(entries).map(function (id) {
      var e = entries[id];
      return '<tr><td>' + escape(id) + '</td><td>' + escape(e.type) + '</td><td>' + escape(e.key) + '</td><td>'
        + escape(e.via || 'queued') + '</td><td>' + escape(e.status || '') + '</td></tr>';
    }).join('');
  }
  if (settings.debug === 'true') {
    log.hidden = false;
    log.open = true;
    showLog();
    setInterval(showLog, 500);
  }
})();
