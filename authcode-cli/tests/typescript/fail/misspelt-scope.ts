import { my } from "./alipay-plus";

my.getAuthCode({
  scopes: ['USER_ID','USER_NICKNAM','USER_AVATAR'],
  success: (res) => {
    my.alert({
      content: res.authCode,
    });
  },
});
