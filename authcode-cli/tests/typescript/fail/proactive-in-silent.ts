import { getSilentAuthCode } from "./alipay-plus";

getSilentAuthCode({
  scopes: ['USER_ID', 'USER_NICKNAME'],
  success: (res) => console.log(res.authCode),
});
