<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="30"/>
        <source>About Order Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="38"/>
        <source>Order Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="45"/>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="47"/>
        <source>Build %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="48"/>
        <source>Python %1, Qt %2, PySide %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="53"/>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="54"/>
        <source>Order entry for the KA and Nomad fulfilment APIs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AfterSaleController</name>
    <message>
        <location filename="../../app/gui/aftersale_controller.py" line="93"/>
        <source>No profile sends to %1 any more; its orders cannot be asked about. Add a profile for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/aftersale_controller.py" line="102"/>
        <source>Profile %1 has no %2: set it in Profiles and credentials.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/gui/app.py" line="126"/>
        <source>%1 is used from the next start: orders are being sent or a dialog is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="168"/>
        <source>Order Desk: settings damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="169"/>
        <source>The settings file cannot be read, so Order Desk does not know where your orders should go. Nothing will be sent until you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="172"/>
        <source>(none could be made)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="174"/>
        <source>File: %1
Problem: %2
Copy kept as: %3

Quit to repair the file by hand, or start again from the built-in sandbox profiles (the damaged file is kept as the copy above; add your profiles again in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="179"/>
        <source>Quit and repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="181"/>
        <source>Start from the sandbox profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="225"/>
        <source>Order Desk cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelConfirm</name>
    <message numerus="yes">
        <location filename="../../app/gui/cancel_confirm.py" line="17"/>
        <source>Cancel %n order(s)?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="20"/>
        <source>KA: each whole order is refunded and cancelled. KA allows it only before the order ships and completes it on its side within 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="24"/>
        <source>Nomad: the platform is asked to cancel each order; whether it can depends on the platform, and its answer is shown as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/cancel_confirm.py" line="29"/>
        <source>%n of them have shipped as far as the server last said: they are refused without asking.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="32"/>
        <source>The status of each order is checked first; a cancel is sent once and never repeated blindly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="40"/>
        <location filename="../../app/gui/cancel_confirm.py" line="46"/>
        <source>Cancel orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="48"/>
        <source>Keep them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location filename="../../app/gui/connection_test.py" line="39"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="42"/>
        <source>Make one harmless call with these settings and credentials (KA: the balance; Nomad: an order query). Nothing is sent or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="71"/>
        <source>Not tested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="77"/>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="95"/>
        <source>The test itself failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="104"/>
        <source>the built-in sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="105"/>
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="107"/>
        <source>Connected: %1 accepted these credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="109"/>
        <source>A credential is missing: type it under Credentials (it is used for the test even before you save it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="111"/>
        <source>Not tested: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="113"/>
        <source>Use https:// in the URL: plain http is only allowed to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="115"/>
        <source>Unknown host: “%1” was not found. Check the URL for a typing mistake and that this computer is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="118"/>
        <source>Connection refused: nothing answers at %1 on that port. Check the URL and its port, and that the server is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="121"/>
        <source>No answer from %1 in time. Check the URL, the network or a firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="123"/>
        <source>The secure connection to %1 failed: its certificate could not be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="125"/>
        <source>%1 answered, but the API is not at this URL: check the path after the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="127"/>
        <source>Bad token: %1 refused the access token. Paste it again, without spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="129"/>
        <source>Bad app key: the gateway does not know this AppKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="131"/>
        <source>Bad signature: the AppSecret does not belong to this AppKey. Paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="133"/>
        <source>Bad signature: the request was changed on the way (a proxy?). Check the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="135"/>
        <source>Wrong stage or URL: the gateway has no API at this URL for stage %2. Check the stage (TEST, PRE or RELEASE), the store and the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="138"/>
        <source>Refused: these credentials may not use this API. Ask the provider to enable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="141"/>
        <source>This computer&apos;s clock is more than 15 minutes off; correct it and test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="143"/>
        <source>%1 is reachable but busy or limiting requests; test again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="145"/>
        <source>%1 could not answer properly (a server error); test again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="146"/>
        <source>%1 refused the test: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="147"/>
        <source>This target has no test call.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <location filename="../../app/crash.py" line="347"/>
        <source>Order Desk closed unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/crash.py" line="348"/>
        <source>Order Desk stopped because of an error the last time it ran. No order was lost: the journal has every order, and orders in doubt are checked before anything is resent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/crash.py" line="356"/>
        <source>The crash report is saved in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsBox</name>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="40"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="47"/>
        <source>Keep for this session only (forgotten when Order Desk closes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="55"/>
        <source>Save credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="101"/>
        <source>Kept in: the environment variable %1 (it wins over anything saved here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="105"/>
        <source>Kept in: this session only (forgotten when Order Desk closes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="107"/>
        <source>Kept in: the system keyring (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="108"/>
        <source>Kept in: the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="110"/>
        <source>Kept in: nowhere; the built-in sandbox&apos;s own value is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="111"/>
        <source>Kept in: nowhere yet; type it and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="117"/>
        <source>Nothing to save: type a value first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="125"/>
        <source>Not saved: %1 Tick &quot;Keep for this session only&quot; to use them until Order Desk closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="130"/>
        <source>Kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="131"/>
        <source>Saved in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="139"/>
        <source>Credentials are kept in the system keyring (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="140"/>
        <source>Credentials are kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="144"/>
        <source>No system keyring is available, so credentials cannot be stored. You can keep them for this session only; they are never written to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="153"/>
        <source>stored in the keyring; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="155"/>
        <source>kept for this session; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="156"/>
        <source>sandbox default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="156"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="165"/>
        <source>KA access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="166"/>
        <source>Nomad AppKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="167"/>
        <source>Nomad AppSecret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentBadge</name>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="38"/>
        <source>SANDBOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="39"/>
        <source>TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="40"/>
        <source>PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="44"/>
        <source>Orders go to the %1 environment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorSink</name>
    <message>
        <location filename="../../app/gui/error_sink.py" line="88"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="97"/>
        <source>Unexpected error in a background task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="110"/>
        <source>Something went wrong. The details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../app/gui/field_editor.py" line="47"/>
        <source>Pinduoduo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="48"/>
        <source>Youzan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="49"/>
        <source>Xiaohongshu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="50"/>
        <source>Douyin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="51"/>
        <source>Checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="52"/>
        <source>Nomad</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/field_editor.py" line="74"/>
        <location filename="../../app/gui/field_editor.py" line="146"/>
        <source>At most %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="145"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../app/gui/history_model.py" line="150"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="148"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="138"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="139"/>
        <source>Entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="140"/>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="141"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="142"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="143"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="145"/>
        <source>Server status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="146"/>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="147"/>
        <source>Tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="149"/>
        <source>Entered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="161"/>
        <source>built-in sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="165"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="166"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="167"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="168"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="169"/>
        <source>Unknown — reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="170"/>
        <source>Not sent — submit again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="171"/>
        <location filename="../../app/gui/history_model.py" line="181"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="176"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="177"/>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="178"/>
        <source>Partly shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="179"/>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="180"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="182"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="183"/>
        <source>Problem on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="184"/>
        <source>Not listed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="185"/>
        <source>Unrecognised status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="190"/>
        <source>cancel being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="191"/>
        <source>cancel requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="192"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="193"/>
        <source>cancel refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="194"/>
        <source>cancel outcome unknown — checked at the next refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="195"/>
        <source>cancel did not take effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="376"/>
        <location filename="../../app/gui/history_model.py" line="425"/>
        <source>%1 ×%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/history_model.py" line="382"/>
        <source>(+%n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="435"/>
        <source>Sent to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="446"/>
        <source>Checked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="370"/>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="144"/>
        <source>Remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="151"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="152"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/gui/history_view.py" line="67"/>
        <source>Search reference, remote id, name, SKU, message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="76"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="82"/>
        <source>By what the server last said of the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="83"/>
        <source>Shipped or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="83"/>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="84"/>
        <source>Not shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="85"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="90"/>
        <source>Orders entered in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="92"/>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="92"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="93"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="93"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="94"/>
        <source>From… to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="109"/>
        <source>Entered on or after this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="110"/>
        <source>Entered on or before this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="145"/>
        <source>Select an order to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="150"/>
        <source>Select an order to see its attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="154"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="155"/>
        <source>Request and response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="157"/>
        <source>What was sent and what came back, attempt by attempt (credentials removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="167"/>
        <source>Copy remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="168"/>
        <source>Open as new order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="169"/>
        <source>Reconcile unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="170"/>
        <source>Refresh status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="171"/>
        <source>Copy tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="172"/>
        <source>Cancel order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="173"/>
        <source>Export selection to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="174"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/history_view.py" line="278"/>
        <source>%n order(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="286"/>
        <source>No orders match this search, state or date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="287"/>
        <source>No orders yet — submit one from New order (Ctrl+N), or bring many in with File › Import spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="293"/>
        <source>History not updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="365"/>
        <source>Reading the attempts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="366"/>
        <source>Could not read the attempts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="390"/>
        <source>Remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="391"/>
        <source>Entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="392"/>
        <source>Entered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="393"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="394"/>
        <source>Sent to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="397"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="399"/>
        <location filename="../../app/gui/history_view.py" line="404"/>
        <source>On the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="401"/>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Server order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="407"/>
        <source>Tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="417"/>
        <source>Deliver to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="419"/>
        <source>(no address in this order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="420"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="428"/>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="428"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="429"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="433"/>
        <source>(no lines in this order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="434"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="447"/>
        <source>Not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="448"/>
        <source>Show the request and response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="454"/>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="454"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="455"/>
        <source>not taken (safe to resend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="455"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="456"/>
        <source>found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="456"/>
        <source>not on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="457"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="467"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="467"/>
        <source>Looked up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="468"/>
        <source>Status checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="468"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="476"/>
        <source>Reference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="477"/>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="478"/>
        <source>Remote id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="479"/>
        <source>Profile: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="481"/>
        <source>Sent to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="484"/>
        <source>Message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="485"/>
        <source>Payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="492"/>
        <source>Attempt %1 (%2) at %3: %4, HTTP %5, %6 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="501"/>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="503"/>
        <source>Response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="544"/>
        <source>Export orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="544"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="127"/>
        <source>Import {0} orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="148"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="151"/>
        <location filename="../../app/gui/import_dialog.py" line="211"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="155"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="181"/>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="186"/>
        <source>Checking every order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="197"/>
        <source>1. Choose the file and check how it reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="198"/>
        <source>2. Map columns to fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="199"/>
        <source>3. Preview and fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="200"/>
        <source>4. Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="211"/>
        <source>Send {0} valid order(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="242"/>
        <source>Unexpected error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="252"/>
        <source>{0} rows read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="272"/>
        <source>Send to production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="273"/>
        <source>Send {0} order(s) to {1} PRODUCTION ({2})? Each order is real and may debit the account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="79"/>
        <source>A workbook (.xlsx, .xls, .ods) or a CSV, TSV or &apos;Unicode text&apos; file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="81"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="83"/>
        <source>Save template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="84"/>
        <source>A CSV with the {0} column headers, ready to fill in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="94"/>
        <location filename="../../app/gui/import_file_page.py" line="99"/>
        <source>Detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="101"/>
        <source>Pipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="106"/>
        <source>The workbook&apos;s sheet to import; the first sheet with data is chosen at first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="112"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="113"/>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="114"/>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="115"/>
        <source>Delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="210"/>
        <source>Sheet “{0}”: {1} row(s), {2} column(s), the header on row {3}. Check that the preview shows the right columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="217"/>
        <source>pipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="219"/>
        <source>Read as {0}, {1}-separated, {2} column(s). Check that the preview shows the right characters and columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="238"/>
        <source>Spreadsheets ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="239"/>
        <source>Workbooks ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="240"/>
        <source>Spreadsheet text ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="241"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="244"/>
        <source>Import orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="253"/>
        <source>Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="253"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="38"/>
        <source>Ship to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="41"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="42"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="43"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="44"/>
        <source>Product SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="45"/>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="46"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="47"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="48"/>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="49"/>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Or one value for all rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="104"/>
        <source>one order per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="105"/>
        <source>one order per identical address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="106"/>
        <source>Remember this mapping for files with these columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="115"/>
        <source>Rows without an order reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="118"/>
        <source>Rows with the same order reference become one order; each row is one item. * marks a required field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="133"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="145"/>
        <source>Suggested by its values: all {0} values of “{1}” are among the choices of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="153"/>
        <source>Columns not used: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="54"/>
        <source>Only rows with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="57"/>
        <source>Exclude selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="60"/>
        <source>Include selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="116"/>
        <source>{0} rows read = {1} in {2} valid orders + {3} in {4} invalid orders + {5} excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="121"/>
        <source>{0} valid order(s) already sent earlier: they will be skipped, not sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="125"/>
        <source>line {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="128"/>
        <source>Excluded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="130"/>
        <source> and {0} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportResultsModel</name>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="41"/>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="42"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="43"/>
        <source>invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="44"/>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="45"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="46"/>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="47"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="102"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="119"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="122"/>
        <source> (earlier)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportRowsModel</name>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="175"/>
        <source>Excluded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="183"/>
        <source>Order invalid (see its other lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="187"/>
        <source>{0} (+{1} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="189"/>
        <source>Already sent: will not be sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="191"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="192"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSendPage</name>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="62"/>
        <location filename="../../app/gui/import_send_page.py" line="123"/>
        <location filename="../../app/gui/import_send_page.py" line="248"/>
        <location filename="../../app/gui/import_send_page.py" line="268"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="65"/>
        <source>Cancel sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="68"/>
        <source>Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="71"/>
        <source>Export results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="73"/>
        <source>Export failed rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="74"/>
        <source>The rows of every order not accepted, in their original columns, ready to fix and import again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="126"/>
        <location filename="../../app/gui/import_send_page.py" line="225"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="156"/>
        <source>Sending {0} order(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="195"/>
        <source>Stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="196"/>
        <source>Done: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="196"/>
        <source>nothing sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="198"/>
        <source>{0} already sent earlier: skipped, not sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="202"/>
        <source>{0} invalid order(s) were not sent: “Export failed rows…” writes them with the reasons, ready to fix and import again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="214"/>
        <source>about {0} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="215"/>
        <source>estimating time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="216"/>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="218"/>
        <source>{0} of {1} done ({2}) – {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="227"/>
        <source>The account cannot take orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="228"/>
        <source>Sending is held: {0}

{1} order(s) are not sent yet. Fix the cause (top up the balance, or correct the credentials in Profiles and credentials), then resume; or stop, and send them later from the history or by importing the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="234"/>
        <source>Resume sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="235"/>
        <source>Stop sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="271"/>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="272"/>
        <location filename="../../app/gui/import_send_page.py" line="277"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="277"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="283"/>
        <source>Export failed rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <location filename="../../app/gui/items_table.py" line="232"/>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="232"/>
        <source>Add an order line (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="234"/>
        <source>Duplicate line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="234"/>
        <source>Duplicate the current line (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="236"/>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="236"/>
        <source>Remove the current line (Ctrl+Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="250"/>
        <source>Tab: next cell · Enter on the last line: new line · Ctrl+Enter: send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KaOrderForm</name>
    <message>
        <location filename="../../app/gui/ka_form.py" line="61"/>
        <source>Ship to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="62"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="63"/>
        <source>More order fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="64"/>
        <source>Tax numbers (IOSS, VAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="65"/>
        <source>Deprecated fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="84"/>
        <source>Different s&amp;peed per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="88"/>
        <source>Lines without their own speed ship at the order&apos;s shipping speed. A line&apos;s own speed wins for that line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="94"/>
        <source>For every line without its own speed (see “Different speed per line” under the lines).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="110"/>
        <source>Order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="154"/>
        <source>Channel code (deprecated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="156"/>
        <source>Warehouse code (deprecated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="217"/>
        <source>Enter the country and at least one line (SKU and quantity) first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KaQuotePanel</name>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="43"/>
        <source>Shipping and balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="50"/>
        <source>Balance: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="53"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="56"/>
        <source>Quote shipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="58"/>
        <source>Delivery time and freight per channel type for the country and items entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Delivery time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Freight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Shipping speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="92"/>
        <source>Balance: asking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="113"/>
        <location filename="../../app/gui/ka_quote_panel.py" line="121"/>
        <location filename="../../app/gui/ka_quote_panel.py" line="125"/>
        <source>Balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="123"/>
        <source>Balance: unknown (the API sent no amount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="134"/>
        <source>Asking for a quote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ka_quote_panel.py" line="157"/>
        <source>%n channel type(s) quoted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="743"/>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="91"/>
        <source>Order Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="121"/>
        <source>Profiles and credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="141"/>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="143"/>
        <location filename="../../app/gui/main_window.py" line="499"/>
        <source>Send this order (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="155"/>
        <source>Bring back the previous order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="157"/>
        <source>The order that was in the form before it was emptied or replaced (Ctrl+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="188"/>
        <source>New order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="190"/>
        <location filename="../../app/gui/main_window.py" line="266"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="388"/>
        <source>No system keyring: credentials can only be kept for this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="331"/>
        <source>&amp;Bring back the previous order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="119"/>
        <source>Import spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="333"/>
        <source>&amp;Review before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="336"/>
        <source>Confirm a summary before each send (always for production profiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="342"/>
        <source>&amp;Import spreadsheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="358"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="459"/>
        <source>Settings not saved (%1): the change holds until Order Desk is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="493"/>
        <source>%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="495"/>
        <source>Not ready to send; still to fix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="497"/>
        <source>To send, fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="507"/>
        <source>Everything marked is fixed: ready to send (Ctrl+Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="552"/>
        <source>New order. The one you had typed was put aside: “Bring back the previous order” (Ctrl+Shift+Z) restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="570"/>
        <source>No order was put aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="579"/>
        <source>The previous order is back in the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="586"/>
        <source>No order sent yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="600"/>
        <source>Copied into a new order. Check it, then submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="602"/>
        <source>The order you were typing was put aside: “Bring back the previous order” (Ctrl+Shift+Z) restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="624"/>
        <source>Still sending the previous order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="640"/>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="660"/>
        <source>Not sent: back to the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="674"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="705"/>
        <source>(already accepted earlier; not sent again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="731"/>
        <source>Batch finished: %1 of %2 accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="740"/>
        <source>Rejected by the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="741"/>
        <source>Not sent: invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="742"/>
        <source>Outcome unknown (will be checked before any resend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="744"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="751"/>
        <source>Suspected duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="752"/>
        <source>This order has the same content as one sent before.

%1

Send it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="629"/>
        <location filename="../../app/gui/main_window.py" line="771"/>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="323"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="325"/>
        <source>&amp;New order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="327"/>
        <source>&amp;Duplicate last order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="329"/>
        <source>&amp;Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="344"/>
        <source>&amp;Profiles and credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="347"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="353"/>
        <source>&amp;New order tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="355"/>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="369"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="371"/>
        <source>&amp;About Order Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="441"/>
        <source>%1 (%2) — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="470"/>
        <source>Profile %1 has no %2 yet: add it in File › Profiles and credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="510"/>
        <source>Not sent: %n field(s) need a fix; each is marked in red with what is wrong.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="694"/>
        <source>Not sent: reference %1 was already accepted (remote id %2) with different content. A created order cannot be changed here; give this order a new reference to send it as a new order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="702"/>
        <source>Accepted — remote id %2 (reference %1). It is in History.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="781"/>
        <source>Asking the server about %n order(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="795"/>
        <source>Checked %1 order(s) on the server: %2 shipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="799"/>
        <source>%1 could not be checked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="814"/>
        <source>Cancelling %n order(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="828"/>
        <source>Cancel: %1 cancelled, %2 refused, %3 unknown (checked at the next refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="884"/>
        <source>Orders are being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="885"/>
        <source>%n order(s) are still being sent. Quit anyway? Requests already on their way are finished or checked at the next start (the journal has them); orders not sent yet are cancelled and can be sent again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NomadOrderForm</name>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="69"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="70"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="71"/>
        <source>More customer fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="72"/>
        <source>Customer address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="73"/>
        <source>Shipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="74"/>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="75"/>
        <source>More order fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="76"/>
        <source>Customs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="77"/>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="78"/>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="79"/>
        <source>Deprecated fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="98"/>
        <source>The Nomad store orders go to; set it in the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="99"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="104"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../app/gui/order_form.py" line="298"/>
        <source>Line %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="302"/>
        <source>Order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="305"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/order_form.py" line="318"/>
        <source>%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="553"/>
        <source>Line %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="28"/>
        <source>Review before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="36"/>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="38"/>
        <source>Back to the form (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="63"/>
        <source>(no lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="65"/>
        <source>Send to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="66"/>
        <source>Deliver to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="67"/>
        <source>(no address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="68"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="69"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="84"/>
        <source>Profiles and credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="97"/>
        <location filename="../../app/gui/settings_dialog.py" line="306"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="100"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="60"/>
        <source>Sandbox (built-in simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="62"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="63"/>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="69"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="70"/>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="71"/>
        <source>PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="126"/>
        <source>empty: the built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="142"/>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="143"/>
        <source> per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="150"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="152"/>
        <source>After a send whose outcome is unknown, how long the API may take to list a new order. Until then “not found” is not believed and nothing is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="155"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="184"/>
        <source>Address key (KA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="185"/>
        <source>Concurrent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="186"/>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="187"/>
        <source>Burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="188"/>
        <source>Trust “not found” after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="199"/>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="202"/>
        <source>Use this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="236"/>
        <source>%1
%2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="240"/>
        <source> · in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="242"/>
        <source>the built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="322"/>
        <source>%1 orders sent with this profile are not settled yet (queued, being sent or unknown), and no other profile reaches their account; reconcile them before removing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="383"/>
        <source>%1 orders sent with this profile are not settled yet, and no other profile reaches their account. Reconcile them (History) before pointing this profile elsewhere, or make a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="397"/>
        <source>%1 orders were already sent with “%2” to %3. The new address is another account to Order Desk: those orders stay in the history of the old one, and sending the same orders again with this profile creates them at the new address.

Save to send to the new address from now on, or cancel and make a new profile for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="402"/>
        <source>the built-in sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="425"/>
        <source>Not renamed, nothing changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="396"/>
        <source>Change where this profile sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="158"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="159"/>
        <source>Tar&amp;get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="160"/>
        <source>&amp;Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="161"/>
        <source>&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="162"/>
        <source>St&amp;ore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="163"/>
        <source>Gateway s&amp;tage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="164"/>
        <source>The Nomad store id the orders go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="165"/>
        <source>The API gateway stage: TEST, PRE or RELEASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="170"/>
        <source>&amp;Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="176"/>
        <source>How requests are sent: concurrency, rate limit, burst, the KA address key and how long to wait before “not found” is believed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="377"/>
        <source>A profile with this name already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmissionController</name>
    <message>
        <location filename="../../app/gui/submission.py" line="166"/>
        <source>%1 not sent: nothing was created; submit them again to send them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="91"/>
        <source>No profile sends to %1 any more; its unknown orders cannot be checked. Add a profile for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="156"/>
        <source>Checking unknown orders failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="160"/>
        <source>Checked %1 unknown order(s): %2 accepted, %3 still unknown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamJournalBox</name>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="31"/>
        <source>Team journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="35"/>
        <source>Desks of a team that share one journal (PostgreSQL) never send an order twice and see each other&apos;s history. Empty: this desk&apos;s own journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="42"/>
        <source>postgresql://user@host:5432/database?sslmode=verify-full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="46"/>
        <source>kept in the keyring; typing replaces it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="50"/>
        <source>In use now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="54"/>
        <source>Save team journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="57"/>
        <source>Copy this desk&apos;s history to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="60"/>
        <source>Copies this desk&apos;s own journal (orders and attempts) into the team journal. It can be done again: orders already there are left as they are; an order the team journal holds under the same reference with other content is not copied, and named.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="68"/>
        <source>UR&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="69"/>
        <source>Pass&amp;word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="82"/>
        <location filename="../../app/gui/team_journal_box.py" line="108"/>
        <source>URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="88"/>
        <source>Password: no keyring to keep it in (%1). Set ORDER_DESK_DATABASE_PASSWORD instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="96"/>
        <source>Saved; ORDER_DESK_DATABASE_URL is set and wins over it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="98"/>
        <source>Saved. Order Desk uses it from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="111"/>
        <source>URL: type the team journal&apos;s address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="115"/>
        <source>Copying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="121"/>
        <source>Copied %1 order(s); %2 already there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="125"/>
        <source>Not copied, held there with other content: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowHeader</name>
    <message>
        <location filename="../../app/gui/window_header.py" line="52"/>
        <source>&amp;Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="54"/>
        <source>&amp;Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="99"/>
        <source>Orders go to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="104"/>
        <source>→ built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="107"/>
        <source>store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="110"/>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Address line 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign tracking data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese ID (deprecated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client parent order ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Color</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer ID ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customs code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customs filing ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customs unit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customs unit code package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customs unit code weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery slip URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group buying price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HS code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IOSS number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insurance fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is distribution order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is sub order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non cash deduction amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay customs no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay merchant name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment pay ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal postal articles tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform transaction ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode / ZIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products total tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province / state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RRP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shelf life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street (line 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxpayer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warranty period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message>
        <source>at least %1 item required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least %1 items required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least one item is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 characters (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 items (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery address: address line is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery address: city is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery address: country is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery address: recipient name is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least %1 (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most %1 (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be more than %1 (got %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <source>Could not build the request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect (%1); nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA accepted the refund of order %1; KA completes refunds within 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA lookup gave up after %1 pages without finding %2; nothing can be concluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA lookup stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA order %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KA refused it (code %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad did not filter by client_order_ref; nothing can be concluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad gateway refused the request (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad order %1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad order %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomad refused it (code %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server string to sign: %1; ours: %2; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed after the request was sent (%1); the server may have processed it: look it up before resending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1 but the body %2 (%3); it may have processed the request: look the order up before resending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a cancel is already under way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already accepted earlier with different content; this version was NOT sent (a created order cannot be changed here: give a new order its own reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already accepted earlier; not sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an earlier attempt probably created it; looking it up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an earlier cancel may have arrived: the next status check looks it up; it is never sent again blindly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being sent by another batch right now; see the history for its outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled (confirmed by the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before it was journaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before it was sent; nothing was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the app key, including leading or trailing spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the base URL, the store and the stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found KA order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found Nomad order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found on the server after an uncertain outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gateway request id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a KA envelope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a Nomad envelope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be cancelled now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no KA order with customOrderId %1 created since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Nomad order with clientOrderRef %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not cancelled: the server shows the order as it was, so the request did not take effect; it may be asked again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not cancelled: the server turned the request away before processing it (busy or unreachable); it may be asked again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found yet, but the API may not list it yet; reconcile after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on the server (%1): nothing to cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on the server; sending again under the same reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of %1 paged requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome unknown; the lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirected to %1: check the base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference %1 appears more than once in this batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused without asking: the server says it has shipped (%1), so it can no longer be cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same content as order %1 (%2); held back as a suspected duplicate. Give it its own reference or allow duplicates to send it anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>split into %1 orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped while being sent (%1); it may have been created: reconcile it once the problem is solved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the KA token was refused: check the token this profile uses (Profiles and credentials, or `order-desk credentials status` for where it comes from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backend may have processed it; look it up before resending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same signed request arrived twice; this copy was not processed again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not list this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server may have processed the request; look it up before resending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server took none of %1 tries (%2); nothing was created. Submitting it again (the same file or order) sends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the status query failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the status query gave up after %1 pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the status query was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team journal needs PostgreSQL's client library (libpq), which is not installed on this machine: install it (Debian and Ubuntu: the libpq5 package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team journal's PostgreSQL driver cannot load its client library (libpq) here (%1): this installation of Order Desk is incomplete; install it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>they differ, so something changed the request on the way (URL, proxy, headers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>they match, so the app secret is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this app key is not authorised for the API; ask Nomad support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer's clock is off by more than 15 minutes; correct it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine's PostgreSQL client library (libpq) was found but cannot be loaded (%1): it is not compatible with this build of Order Desk; use a build made for this system's version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
