import { my } from "./alipay-plus";

my.getAuthCode({
  scopes: ['USER_ID'],
  success: (res) => {
    const n: number = res.authCode;
    console.log(n);
  },
});
