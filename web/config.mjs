// Where the page sends its form; read by the page and by the service worker (sw.js).
// apiBase: "" means the same origin as the page (the local stack, or CloudFront routing /pwausers to the API).
// For an API on another origin, set its stage URL without the trailing slash, for example
// "https://abc123.execute-api.eu-west-1.amazonaws.com/prod" (and add its origin to connect-src in index.html and
// in template.yaml's WebResponseHeadersPolicy); the page then posts to apiBase + "/pwausers".
export const config = Object.freeze({
    apiBase: ""
});
