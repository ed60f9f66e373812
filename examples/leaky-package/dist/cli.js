#!/usr/bin/env node
"use strict";const{price:p}=require("./index.js");console.log(p(Number(process.argv[2]??100),"pro"));
