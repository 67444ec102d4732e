// Starts Swagger UI (served from swagger-ui-dist by the api module) on /admin/api. A file, not an
// inline script, so the page keeps the site's script-src 'self'.
interface SwaggerUIBundleFn {
  (options: Record<string, unknown>): unknown;
}

const root = document.getElementById('api-reference');
const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundleFn }).SwaggerUIBundle;
if (root && bundle) {
  bundle({
    url: root.dataset.url,
    domNode: root,
    deepLinking: true,
    // Never ask validator.swagger.io: the page makes no request elsewhere.
    validatorUrl: null,
    // The newsroom's session is the cookie; "Try it out" sends it with the site's Origin.
    withCredentials: true,
  });
}
