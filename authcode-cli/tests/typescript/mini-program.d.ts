// What the mini program's JavaScript runtime has and the ES2020 library does not declare,
// as far as the cases use it: `console`, which the documentation's sample logs to. (It is in
// the DOM library and in @types/node, neither of which fits a mini program.)
declare const console: {
  log(...data: unknown[]): void;
};
