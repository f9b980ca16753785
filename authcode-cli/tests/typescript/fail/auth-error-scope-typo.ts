import { my } from "./alipay-plus";

my.getAuthCode({
  scopes: ['USER_ID','USER_NICKNAME','USER_AVATAR'],
  fail: (res) => {
      console.log(res.authErrorScope)
  },
});
