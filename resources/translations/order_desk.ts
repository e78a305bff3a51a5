<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>CredentialsBox</name>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="31"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="38"/>
        <source>Keep for this session only (forgotten when Order Desk closes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="45"/>
        <source>Save credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="73"/>
        <source>Nothing to save: type a value first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="81"/>
        <source>Not saved: %1 Tick &quot;Keep for this session only&quot; to use them until Order Desk closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="86"/>
        <source>Kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="87"/>
        <source>Saved in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="93"/>
        <source>Credentials are kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="97"/>
        <source>No system keyring is available, so credentials cannot be stored. You can keep them for this session only; they are never written to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="106"/>
        <source>stored in the keyring; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="108"/>
        <source>kept for this session; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="109"/>
        <source>sandbox default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="109"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="113"/>
        <source>KA access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="114"/>
        <source>Nomad AppKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="115"/>
        <source>Nomad AppSecret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentBadge</name>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="34"/>
        <source>SANDBOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="35"/>
        <source>TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="36"/>
        <source>PRODUCTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="40"/>
        <source>Orders go to the %1 environment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorSink</name>
    <message>
        <location filename="../../app/gui/error_sink.py" line="85"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="94"/>
        <source>Unexpected error in a background task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="107"/>
        <source>Something went wrong. The details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message numerus="yes">
        <location filename="../../app/gui/field_editor.py" line="46"/>
        <source>At most %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../app/gui/history_model.py" line="40"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="41"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="42"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="43"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="44"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="45"/>
        <source>Remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="46"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="47"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/gui/history_view.py" line="53"/>
        <source>Search reference, remote id, name, SKU, message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="62"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="88"/>
        <source>Select an order to see its attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="93"/>
        <source>Copy remote id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="94"/>
        <source>Open as new order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="95"/>
        <source>Reconcile unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="96"/>
        <source>Export selection to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="97"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/history_view.py" line="146"/>
        <source>%n order(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="180"/>
        <source>Reference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="181"/>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="182"/>
        <source>Remote id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="183"/>
        <source>Profile: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="187"/>
        <source>Message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="188"/>
        <source>Payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="193"/>
        <source>Attempt %1 (%2) at %3: %4, HTTP %5, %6 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="202"/>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="204"/>
        <source>Response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="228"/>
        <source>Export orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="228"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <location filename="../../app/gui/items_table.py" line="85"/>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="85"/>
        <source>Add an order line (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="87"/>
        <source>Duplicate line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="87"/>
        <source>Duplicate the current line (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="89"/>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="89"/>
        <source>Remove the current line (Ctrl+Delete)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KaOrderForm</name>
    <message>
        <location filename="../../app/gui/ka_form.py" line="64"/>
        <source>Order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="100"/>
        <source>Enter the country and at least one line (SKU and quantity) first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KaQuotePanel</name>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="39"/>
        <source>Shipping and balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="44"/>
        <source>Balance: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="46"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="49"/>
        <source>Quote shipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="51"/>
        <source>Delivery time and freight per channel type for the country and items entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="57"/>
        <source>Delivery time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="57"/>
        <source>Freight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="77"/>
        <source>Balance: asking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="81"/>
        <location filename="../../app/gui/ka_quote_panel.py" line="85"/>
        <source>Balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="87"/>
        <source>Balance: unknown (the API sent no amount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="89"/>
        <source>Balance: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="98"/>
        <source>Asking for a quote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ka_quote_panel.py" line="117"/>
        <source>%n channel type(s) quoted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="59"/>
        <source>Order Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="76"/>
        <source>Profiles and credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="74"/>
        <source>Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="100"/>
        <location filename="../../app/gui/main_window.py" line="149"/>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="102"/>
        <source>Send this order (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="130"/>
        <location filename="../../app/gui/main_window.py" line="150"/>
        <source>New order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="131"/>
        <location filename="../../app/gui/main_window.py" line="153"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="140"/>
        <source>No system keyring: credentials can only be kept for this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="151"/>
        <source>Duplicate last order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="223"/>
        <source>Order Desk — %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="264"/>
        <source>No order sent yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="284"/>
        <source>Copied into a new order. Check it, then submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="298"/>
        <source>Fix the marked fields first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="301"/>
        <source>Still sending the previous order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="308"/>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="316"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="334"/>
        <source>Accepted: %1 → remote id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="337"/>
        <source>(already accepted earlier; not sent again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="357"/>
        <source>Batch finished: %1 of %2 accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="364"/>
        <source>Rejected by the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="365"/>
        <source>Not sent: invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="366"/>
        <source>Outcome unknown (will be checked before any resend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="367"/>
        <source>Not sent: the server asked to come back later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="368"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="375"/>
        <source>Suspected duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="376"/>
        <source>This order has the same content as one sent before.

%1

Send it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="394"/>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="439"/>
        <source>Orders are being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="440"/>
        <source>%n order(s) are still being sent. Quit anyway? Nothing is lost: the journal has them, and they are checked at the next start.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../app/gui/order_form.py" line="331"/>
        <source>Line %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="55"/>
        <source>Profiles and credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="61"/>
        <location filename="../../app/gui/settings_dialog.py" line="201"/>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="64"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="83"/>
        <source>Sandbox (built-in simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="84"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="85"/>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="89"/>
        <source>empty: the built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="105"/>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="106"/>
        <source> per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="111"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="113"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="114"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="115"/>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="116"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="117"/>
        <source>Store (Nomad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="118"/>
        <source>Gateway stage (Nomad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="119"/>
        <source>Address key (KA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="120"/>
        <source>Concurrent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="121"/>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="122"/>
        <source>Burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="127"/>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="130"/>
        <source>Use this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="160"/>
        <source>  (in use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="249"/>
        <source>A profile with this name already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmissionController</name>
    <message>
        <location filename="../../app/gui/submission.py" line="76"/>
        <source>Profile %1 no longer exists; its unknown orders cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="127"/>
        <source>Checking unknown orders failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="131"/>
        <source>Checked %1 unknown order(s): %2 accepted, %3 still unknown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowHeader</name>
    <message>
        <location filename="../../app/gui/window_header.py" line="37"/>
        <source>&amp;Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="39"/>
        <source>&amp;Profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
