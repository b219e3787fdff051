// Where the page sends its form. Loaded by the page and by the service worker (sw.js), so keep it a plain script.
// apiBase: "" means the same origin as the page (the local stack, or CloudFront routing /pwausers to the API).
// For an API on another origin, set its stage URL without the trailing slash, for example
// "https://abc123.execute-api.eu-west-1.amazonaws.com/prod"; the page then posts to apiBase + "/pwausers".
self.PWA_USERS_CONFIG = {
    apiBase: ""
};
