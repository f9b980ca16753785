import { my } from "./alipay-plus";

my.getAuthCode({
  scopes: ['USER_ID','USER_NICKNAME','USER_AVATAR'],
  success: (res) => {
    my.alert({
      content: res.authCode,
    });
  },
  fail: (res) => {
      console.log(res.authErrorScopes)
  },
});
