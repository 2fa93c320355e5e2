// Every test file, in the order they run (the Node and browser entry points import this).
import "./vectors.test.js";
import "./standard.test.js";
import "./xwing.test.js";
import "./stream.test.js";
import "./keys.test.js";
import "./codecs.test.js";
import "./example.test.js";
import "./grants.test.js";
import "./first-contact.test.js";
import "./key-log.test.js";
import "./bound-checkpoint.test.js";
import "./membership-log.test.js";
import "./room-flows.test.js";
import "./room-files.test.js";
