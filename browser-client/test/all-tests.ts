// Every test file, in the order they run (the Node and browser entry points import this).
import "./vectors.test.js";
