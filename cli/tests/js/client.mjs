// ServiceStack's own TypeScript client (@servicestack/client), called as its users call it,
// against `serve`. Usage: node client.mjs BASE_URL ACCOUNT_ID
// Prints a line per call, `NAME<TAB>JSON`: what the call gave (the response as the client
// read it, or the error it threw), then the URLs the client asked for.
import { JsonServiceClient } from "@servicestack/client";

// The request DTO as "Add ServiceStack Reference" writes it (in plain JS).
class AppGetActiveSessions {
    constructor(init) { Object.assign(this, init); }
    /** @type {string|undefined} */ accountId;
    /** @type {string|undefined} */ customerId;
    /** @type {string|undefined} */ startDate;
    getTypeName() { return "AppGetActiveSessions"; }
    getMethod() { return "GET"; }
    createResponse() { return {}; }
}

// An operation the service does not have.
class AppGetNothing {
    constructor(init) { Object.assign(this, init); }
    getTypeName() { return "AppGetNothing"; }
    getMethod() { return "GET"; }
    createResponse() { return {}; }
}

const [base, accountId] = process.argv.slice(2);
const client = new JsonServiceClient(base);
const urls = [];
client.urlFilter = (url) => urls.push(url);

const errorOf = (e) => ({
    isErrorResponse: e?.responseStatus != null,
    errorCode: e?.responseStatus?.errorCode ?? null,
    message: e?.responseStatus?.message ?? null,
});

const out = {};
const print = (name, value) => console.log(`${name}\t${JSON.stringify(value)}`);
// The predefined route (/api/AppGetActiveSessions by default).
out.predefined = await client.get(new AppGetActiveSessions({ accountId }));
out.predefinedAll = await client.get(new AppGetActiveSessions());
// The same with the older predefined route (/json/reply/AppGetActiveSessions).
const older = new JsonServiceClient(base);
older.useBasePath(null);
older.urlFilter = (url) => urls.push(url);
out.olderRoute = await older.get(new AppGetActiveSessions({ accountId }));
// The custom route, with the query as an object.
out.custom = await client.get("/portal/active-sessions", { accountId });
// An unknown operation: thrown as the ErrorResponse the server sent.
try {
    await client.get(new AppGetNothing());
    out.unknown = "no error";
} catch (e) {
    out.unknown = errorOf(e);
}
// The same through `api`, which returns the error instead of throwing it.
const api = await client.api(new AppGetNothing());
out.unknownApi = { succeeded: api.succeeded, errorCode: api.error?.errorCode ?? null };
out.urls = urls;
for (const [name, value] of Object.entries(out)) print(name, value);
