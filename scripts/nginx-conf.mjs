// The nginx configuration of docs/operations.md ("Static snapshots"), as a complete file
// for the test and the bench, which run nginx as their own process on a free port.

/**
 * The http{} part that matters: which requests may get a snapshot, and where it is.
 * @param {{ root: string, upstream: string, listen: string, brotli?: boolean }} o
 * @returns {string}
 */
export function snapshotServer(o) {
  return `
  # Only anonymous GET/HEAD (no session cookie, no token) may get a snapshot.
  map "$request_method:$cookie_palabre_session:$http_authorization" $palabre_reader {
    "GET::"  "";
    "HEAD::" "";
    default  "/.palabre-dynamic";
  }
  # A file when the path's last segment has a dot (robots.txt, feed.xml, assets), else a page.
  map $uri $palabre_kind {
    "~\\.[^/]*$"  "file";
    default      "page";
  }
  # Where its snapshot is: a page's index.html (or one order of its discussion), a file as named;
  # a file only without a query or with an asset's ?v=hash. Any other query: none.
  map "$palabre_kind:$args" $palabre_snapshot {
    "page:"               "/index.html";
    "page:sort=oldest"    "/index.html";
    "page:sort=newest"    "/index.sort-newest.html";
    "page:sort=top"       "/index.sort-top.html";
    "page:sort=picks"     "/index.sort-picks.html";
    "file:"               "";
    "~^file:v=[0-9a-f]+$" "";
    default               "/.palabre-dynamic";
  }
  upstream palabre { server ${o.upstream}; keepalive 32; }
  server {
    listen ${o.listen};
    root ${o.root};
    gzip_static on;${o.brotli ? '\n    brotli_static on;' : ''}
    etag on;
    location / {
      # The snapshot's file, opened once; none there (404), or a method a file does not answer (405): Palabre.
      rewrite ^ $palabre_reader$uri$palabre_snapshot break;
      error_page 404 405 = @palabre;
      add_header Cache-Control "public, max-age=0, must-revalidate" always;
      add_header Vary "Accept-Encoding, Cookie" always;
      add_header X-Palabre-Snapshot "1" always;
    }
    location /assets/ {
      rewrite ^ $palabre_reader$uri$palabre_snapshot break;
      error_page 404 405 = @palabre;
      add_header Cache-Control "public, max-age=31536000, immutable" always;
      add_header X-Palabre-Snapshot "1" always;
    }
    location @palabre {
      proxy_pass http://palabre$request_uri;   # the reader's own URL, not the snapshot's
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;   # the live discussion (text/event-stream)
      proxy_read_timeout 1h;
    }
  }`;
}

/**
 * A whole nginx.conf that runs as an ordinary process: `nginx -p PREFIX -c CONF -e PREFIX/error.log`.
 * @param {{ prefix: string, root: string, upstream: string, listen: string, workers?: number, extra?: string }} o
 * @returns {string}
 */
export function snapshotNginxConf(o) {
  return `worker_processes ${o.workers ?? 1};
daemon off;
pid ${o.prefix}/nginx.pid;
error_log ${o.prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${o.prefix}/body;
  proxy_temp_path ${o.prefix}/proxy;
  fastcgi_temp_path ${o.prefix}/fastcgi;
  uwsgi_temp_path ${o.prefix}/uwsgi;
  scgi_temp_path ${o.prefix}/scgi;
  types {
    text/html html; text/css css; application/javascript js; text/plain txt; image/svg+xml svg;
    application/xml xml; application/json json;
  }
  default_type application/octet-stream;
${snapshotServer(o)}
${o.extra ?? ''}
}
`;
}
