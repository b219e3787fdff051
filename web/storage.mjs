// Where submissions are kept: IndexedDB (database "pwa-users", object store "submissions", one record per
// submission keyed by its Idempotency-Key), or memory where IndexedDB is refused. Both stores have the same five
// operations; modify() reads, changes and writes one record in one transaction, which is what lets the page, other
// tabs and the service worker claim a record for sending without any lock held across a network call: IndexedDB
// runs readwrite transactions on one store one after the other, across every context of the origin.

const DB_NAME = "pwa-users";
/** 1: the first app. 2: "refused" for the 4xx failures (they were "failed", retryable false), and "announced". */
const DB_VERSION = 2;
const STORE = "submissions";

function request(req) {
    return new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
    });
}

function indexedDbStore(db) {
    function run(mode, work) {
        return new Promise((resolve, reject) => {
            const tx = db.transaction(STORE, mode);
            let result;
            work(tx.objectStore(STORE), (value) => { result = value; });
            tx.oncomplete = () => resolve(result);
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    }
    return {
        persistent: true,
        all: () => run("readonly", (s, done) => { s.getAll().onsuccess = (e) => done(e.target.result); }),
        get: (key) => run("readonly", (s, done) => { s.get(key).onsuccess = (e) => done(e.target.result); }),
        put: (record) => run("readwrite", (s) => { s.put(record); }),
        delete: (key) => run("readwrite", (s) => { s.delete(key); }),
        /**
         * Reads, changes and writes one record in one transaction. change(copy) returns the record to write, DELETE
         * to delete it, or null to leave it; modify resolves to what change returned (null when there was none).
         */
        modify: (key, change) => run("readwrite", (s, done) => {
            s.get(key).onsuccess = (e) => {
                const current = e.target.result;
                const next = current ? change(current) : null;
                if (next === DELETE) {
                    s.delete(key);
                } else if (next) {
                    s.put(next);
                }
                done(next);
            };
        })
    };
}

/** What modify's change returns to delete the record. */
export const DELETE = Object.freeze({ delete: true });

/** The same store in memory (no persistence): where IndexedDB is refused, and in the unit tests. */
export function memoryStore() {
    const records = new Map();
    const copy = (r) => (r ? structuredClone(r) : r);
    return {
        persistent: false,
        all: async () => Array.from(records.values(), copy),
        get: async (key) => copy(records.get(key)),
        put: async (record) => { records.set(record.key, copy(record)); },
        delete: async (key) => { records.delete(key); },
        modify: async (key, change) => {
            const current = records.get(key);
            const next = current ? change(copy(current)) : null;
            if (next === DELETE) {
                records.delete(key);
            } else if (next) {
                records.set(key, copy(next));
            }
            return next;
        }
    };
}

/** Records of version 1 as version 2 reads them. */
function upgrade(transaction, oldVersion) {
    if (oldVersion < 1) {
        transaction.db.createObjectStore(STORE, { keyPath: "key" });
        return;
    }
    if (oldVersion < 2) {
        transaction.objectStore(STORE).openCursor().onsuccess = (event) => {
            const cursor = event.target.result;
            if (!cursor) {
                return;
            }
            const record = cursor.value;
            if (record.state === "failed" && !record.retryable) {
                record.state = "refused";
            }
            record.announced = true; // told, or not worth telling, by the app that wrote it
            cursor.update(record);
            cursor.continue();
        };
    }
}

/** The IndexedDB store, or a memory store where IndexedDB is missing or refused (some private modes). */
export async function openStore(indexedDB = globalThis.indexedDB) {
    if (!indexedDB) {
        return memoryStore();
    }
    try {
        const open = indexedDB.open(DB_NAME, DB_VERSION);
        open.onupgradeneeded = (event) => upgrade(open.transaction, event.oldVersion);
        const db = await request(open);
        db.onversionchange = () => db.close(); // let a newer version of the app upgrade the database
        return indexedDbStore(db);
    } catch (e) {
        return memoryStore();
    }
}
