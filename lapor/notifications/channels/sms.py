"""The SMS channel: the gateway lives in :mod:`lapor.core.sms` (accounts sends sign-in
codes through it too); this module keeps the notification-side name working, so
``SMS_GATEWAY = "lapor.notifications.channels.sms.HttpSmsGateway"`` still resolves."""

from lapor.core.sms import SMS_MAX_CHARS as SMS_MAX_CHARS
from lapor.core.sms import HttpSmsGateway as HttpSmsGateway
from lapor.core.sms import LoggingSmsGateway as LoggingSmsGateway
from lapor.core.sms import SentSms as SentSms
from lapor.core.sms import SmsError as SmsError
from lapor.core.sms import SmsGateway as SmsGateway
from lapor.core.sms import get_sms_gateway as get_sms_gateway
from lapor.core.sms import mask_number as mask_number
from lapor.core.sms import sms_fit as sms_fit
