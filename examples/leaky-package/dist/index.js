"use strict";exports.price=function(e,r){return r==="pro"?.8*e:e};
//# sourceMappingURL=index.js.map
