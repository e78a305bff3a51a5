<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="30"/>
        <source>About Order Desk</source>
        <translation>关于 Order Desk</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="38"/>
        <source>Order Desk</source>
        <translation>Order Desk 下单台</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="45"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="47"/>
        <source>Build %1</source>
        <translation>构建 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="48"/>
        <source>Python %1, Qt %2, PySide %3, %4</source>
        <translation>Python %1，Qt %2，PySide %3，%4</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="53"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/about_dialog.py" line="54"/>
        <source>Order entry for the KA and Nomad fulfilment APIs.</source>
        <translation>KA 与 Nomad 履约接口的订单录入工具。</translation>
    </message>
</context>
<context>
    <name>AfterSaleController</name>
    <message>
        <location filename="../../app/gui/aftersale_controller.py" line="93"/>
        <source>No profile sends to %1 any more; its orders cannot be asked about. Add a profile for it.</source>
        <translation>已没有配置发往 %1；无法查询其订单。请为它添加一个配置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/aftersale_controller.py" line="102"/>
        <source>Profile %1 has no %2: set it in Profiles and credentials.</source>
        <translation>配置 %1 缺少 %2：请在“配置与凭据”中设置。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/gui/app.py" line="126"/>
        <source>%1 is used from the next start: orders are being sent or a dialog is open.</source>
        <translation>%1 将在下次启动时生效：正在发送订单或有对话框打开。</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="168"/>
        <source>Order Desk: settings damaged</source>
        <translation>Order Desk 下单台：设置文件已损坏</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="169"/>
        <source>The settings file cannot be read, so Order Desk does not know where your orders should go. Nothing will be sent until you choose.</source>
        <translation>无法读取设置文件，因此不知道订单应发往何处。在您做出选择之前，不会发送任何订单。</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="172"/>
        <source>(none could be made)</source>
        <translation>（无法创建副本）</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="174"/>
        <source>File: %1
Problem: %2
Copy kept as: %3

Quit to repair the file by hand, or start again from the built-in sandbox profiles (the damaged file is kept as the copy above; add your profiles again in Settings).</source>
        <translation>文件：%1
问题：%2
副本保存为：%3

请退出并手动修复该文件，或从内置沙箱配置重新开始（损坏的文件已保存为上述副本；请在设置中重新添加您的配置）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="179"/>
        <source>Quit and repair</source>
        <translation>退出并修复</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="181"/>
        <source>Start from the sandbox profiles</source>
        <translation>从沙箱配置开始</translation>
    </message>
    <message>
        <location filename="../../app/gui/app.py" line="225"/>
        <source>Order Desk cannot start</source>
        <translation>Order Desk 下单台无法启动</translation>
    </message>
</context>
<context>
    <name>CancelConfirm</name>
    <message numerus="yes">
        <location filename="../../app/gui/cancel_confirm.py" line="17"/>
        <source>Cancel %n order(s)?</source>
        <translation>
            <numerusform>取消 %n 个订单？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="20"/>
        <source>KA: each whole order is refunded and cancelled. KA allows it only before the order ships and completes it on its side within 24 hours.</source>
        <translation>KA：每个订单整单退款并取消。KA 只允许在订单发货前取消，并在 24 小时内于其系统中完成。</translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="24"/>
        <source>Nomad: the platform is asked to cancel each order; whether it can depends on the platform, and its answer is shown as it is.</source>
        <translation>Nomad：请求平台取消每个订单；能否取消取决于平台，平台的答复原样显示。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/cancel_confirm.py" line="29"/>
        <source>%n of them have shipped as far as the server last said: they are refused without asking.</source>
        <translation>
            <numerusform>据服务器最近一次答复，其中 %n 个已发货：不发请求，直接拒绝取消。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="32"/>
        <source>The status of each order is checked first; a cancel is sent once and never repeated blindly.</source>
        <translation>先查询每个订单的状态；取消请求只发送一次，绝不盲目重发。</translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="40"/>
        <location filename="../../app/gui/cancel_confirm.py" line="46"/>
        <source>Cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/cancel_confirm.py" line="48"/>
        <source>Keep them</source>
        <translation>保留订单</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location filename="../../app/gui/connection_test.py" line="39"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="42"/>
        <source>Make one harmless call with these settings and credentials (KA: the balance; Nomad: an order query). Nothing is sent or changed.</source>
        <translation>用这些设置和凭据发起一次无害的调用（KA：查询余额；Nomad：查询订单）。不会发送或更改任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="71"/>
        <source>Not tested: %1</source>
        <translation>未测试：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="77"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="95"/>
        <source>The test itself failed: %1</source>
        <translation>测试本身出错：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="104"/>
        <source>the built-in sandbox</source>
        <translation>内置沙箱</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="105"/>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="107"/>
        <source>Connected: %1 accepted these credentials.</source>
        <translation>连接成功：%1 接受了这些凭据。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="109"/>
        <source>A credential is missing: type it under Credentials (it is used for the test even before you save it).</source>
        <translation>缺少凭据：请在“凭据”中填写（即使尚未保存，测试也会使用它）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="111"/>
        <source>Not tested: %3</source>
        <translation>未测试：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="113"/>
        <source>Use https:// in the URL: plain http is only allowed to this computer.</source>
        <translation>请在地址中使用 https://：普通 http 只允许连接本机。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="115"/>
        <source>Unknown host: “%1” was not found. Check the URL for a typing mistake and that this computer is online.</source>
        <translation>未知主机：找不到“%1”。请检查地址是否有拼写错误，以及本机是否已联网。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="118"/>
        <source>Connection refused: nothing answers at %1 on that port. Check the URL and its port, and that the server is running.</source>
        <translation>连接被拒绝：%1 的该端口无响应。请检查地址和端口，以及服务器是否在运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="121"/>
        <source>No answer from %1 in time. Check the URL, the network or a firewall.</source>
        <translation>%1 未及时响应。请检查地址、网络或防火墙。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="123"/>
        <source>The secure connection to %1 failed: its certificate could not be verified.</source>
        <translation>与 %1 的安全连接失败：无法验证其证书。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="125"/>
        <source>%1 answered, but the API is not at this URL: check the path after the host.</source>
        <translation>%1 有响应，但此地址下没有该接口：请检查主机名之后的路径。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="127"/>
        <source>Bad token: %1 refused the access token. Paste it again, without spaces.</source>
        <translation>令牌错误：%1 拒绝了该访问令牌。请重新粘贴，不要带空格。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="129"/>
        <source>Bad app key: the gateway does not know this AppKey.</source>
        <translation>AppKey 错误：网关不认识此 AppKey。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="131"/>
        <source>Bad signature: the AppSecret does not belong to this AppKey. Paste it again.</source>
        <translation>签名错误：此 AppSecret 与该 AppKey 不匹配。请重新粘贴。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="133"/>
        <source>Bad signature: the request was changed on the way (a proxy?). Check the URL.</source>
        <translation>签名错误：请求在传输途中被修改（代理？）。请检查地址。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="135"/>
        <source>Wrong stage or URL: the gateway has no API at this URL for stage %2. Check the stage (TEST, PRE or RELEASE), the store and the URL.</source>
        <translation>环境阶段或地址错误：网关在此地址下没有阶段 %2 的接口。请检查阶段（TEST、PRE 或 RELEASE）、店铺和地址。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="138"/>
        <source>Refused: these credentials may not use this API. Ask the provider to enable it.</source>
        <translation>被拒绝：这些凭据无权使用此接口。请联系服务商开通。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="141"/>
        <source>This computer's clock is more than 15 minutes off; correct it and test again.</source>
        <translation>本机时钟偏差超过 15 分钟；请校正后再测试。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="143"/>
        <source>%1 is reachable but busy or limiting requests; test again in a minute.</source>
        <translation>%1 可以访问，但正忙或正在限流；请一分钟后再测试。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="145"/>
        <source>%1 could not answer properly (a server error); test again later.</source>
        <translation>%1 无法正常响应（服务器错误）；请稍后再测试。</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="146"/>
        <source>%1 refused the test: %3</source>
        <translation>%1 拒绝了测试：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/connection_test.py" line="147"/>
        <source>This target has no test call.</source>
        <translation>此接口没有测试调用。</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <location filename="../../app/crash.py" line="347"/>
        <source>Order Desk closed unexpectedly</source>
        <translation>Order Desk 下单台意外关闭</translation>
    </message>
    <message>
        <location filename="../../app/crash.py" line="348"/>
        <source>Order Desk stopped because of an error the last time it ran. No order was lost: the journal has every order, and orders in doubt are checked before anything is resent.</source>
        <translation>上次运行时因错误而停止。没有丢失任何订单：日志记录了每一笔订单，状态不明的订单会在重新发送前先行核对。</translation>
    </message>
    <message>
        <location filename="../../app/crash.py" line="356"/>
        <source>The crash report is saved in %1.</source>
        <translation>崩溃报告已保存在 %1。</translation>
    </message>
</context>
<context>
    <name>CredentialsBox</name>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="40"/>
        <source>Credentials</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="47"/>
        <source>Keep for this session only (forgotten when Order Desk closes)</source>
        <translation>仅本次会话保留（关闭程序后即清除）</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="55"/>
        <source>Save credentials</source>
        <translation>保存凭据</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="101"/>
        <source>Kept in: the environment variable %1 (it wins over anything saved here)</source>
        <translation>保存位置：环境变量 %1（优先于此处保存的任何值）</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="105"/>
        <source>Kept in: this session only (forgotten when Order Desk closes)</source>
        <translation>保存位置：仅本次会话（关闭程序后即清除）</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="107"/>
        <source>Kept in: the system keyring (%1)</source>
        <translation>保存位置：系统密钥环（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="108"/>
        <source>Kept in: the system keyring</source>
        <translation>保存位置：系统密钥环</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="110"/>
        <source>Kept in: nowhere; the built-in sandbox's own value is used</source>
        <translation>保存位置：无；使用内置沙箱自带的值</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="111"/>
        <source>Kept in: nowhere yet; type it and save</source>
        <translation>保存位置：尚无；请输入并保存</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="117"/>
        <source>Nothing to save: type a value first.</source>
        <translation>没有可保存的内容：请先输入。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="125"/>
        <source>Not saved: %1 Tick "Keep for this session only" to use them until Order Desk closes.</source>
        <translation>未保存：%1 勾选“仅本次会话保留”，即可在关闭程序前使用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="130"/>
        <source>Kept for this session only.</source>
        <translation>仅在本次会话中保留。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="131"/>
        <source>Saved in the system keyring.</source>
        <translation>已保存到系统密钥环。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="139"/>
        <source>Credentials are kept in the system keyring (%1).</source>
        <translation>凭据保存在系统密钥环（%1）中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="140"/>
        <source>Credentials are kept in the system keyring.</source>
        <translation>凭据保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="144"/>
        <source>No system keyring is available, so credentials cannot be stored. You can keep them for this session only; they are never written to a file.</source>
        <translation>系统密钥环不可用，无法保存凭据。您可以仅在本次会话中保留；凭据绝不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="153"/>
        <source>stored in the keyring; type to replace</source>
        <translation>已存于密钥环；输入以替换</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="155"/>
        <source>kept for this session; type to replace</source>
        <translation>本次会话保留；输入以替换</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="156"/>
        <source>sandbox default</source>
        <translation>沙箱默认值</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="156"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="165"/>
        <source>KA access token</source>
        <translation>KA 访问令牌</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="166"/>
        <source>Nomad AppKey</source>
        <translation>Nomad AppKey 应用密钥</translation>
    </message>
    <message>
        <location filename="../../app/gui/credentials_box.py" line="167"/>
        <source>Nomad AppSecret</source>
        <translation>Nomad AppSecret 应用密文</translation>
    </message>
</context>
<context>
    <name>EnvironmentBadge</name>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="38"/>
        <source>SANDBOX</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="39"/>
        <source>TEST</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="40"/>
        <source>PRODUCTION</source>
        <translation>正式环境</translation>
    </message>
    <message>
        <location filename="../../app/gui/environment_badge.py" line="44"/>
        <source>Orders go to the %1 environment.</source>
        <translation>订单发往%1环境。</translation>
    </message>
</context>
<context>
    <name>ErrorSink</name>
    <message>
        <location filename="../../app/gui/error_sink.py" line="88"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="97"/>
        <source>Unexpected error in a background task</source>
        <translation>后台任务发生意外错误</translation>
    </message>
    <message>
        <location filename="../../app/gui/error_sink.py" line="110"/>
        <source>Something went wrong. The details are in the log file.</source>
        <translation>出现错误，详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../app/gui/field_editor.py" line="47"/>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="48"/>
        <source>Youzan</source>
        <translation>有赞</translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="49"/>
        <source>Xiaohongshu</source>
        <translation>小红书</translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="50"/>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="51"/>
        <source>Checkout</source>
        <translation>Checkout 独立站</translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="52"/>
        <source>Nomad</source>
        <translation>Nomad</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/field_editor.py" line="74"/>
        <location filename="../../app/gui/field_editor.py" line="146"/>
        <source>At most %n characters.</source>
        <translation>
            <numerusform>最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/field_editor.py" line="145"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../app/gui/history_model.py" line="150"/>
        <source>Target</source>
        <translation>接口</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="148"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="138"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="139"/>
        <source>Entered</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="140"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="141"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="142"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="143"/>
        <source>Reference</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="145"/>
        <source>Server status</source>
        <translation>服务器状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="146"/>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="147"/>
        <source>Tracking</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="149"/>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="161"/>
        <source>built-in sandbox</source>
        <translation>内置沙箱</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="165"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="166"/>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="167"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="168"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="169"/>
        <source>Unknown — reconcile</source>
        <translation>未知 — 请核对</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="170"/>
        <source>Not sent — submit again</source>
        <translation>未发送 — 请重新提交</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="171"/>
        <location filename="../../app/gui/history_model.py" line="181"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="176"/>
        <source>Waiting</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="177"/>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="178"/>
        <source>Partly shipped</source>
        <translation>部分发货</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="179"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="180"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="182"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="183"/>
        <source>Problem on the server</source>
        <translation>服务器标记异常</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="184"/>
        <source>Not listed by the server</source>
        <translation>服务器未列出</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="185"/>
        <source>Unrecognised status</source>
        <translation>无法识别的状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="190"/>
        <source>cancel being sent</source>
        <translation>取消请求发送中</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="191"/>
        <source>cancel requested</source>
        <translation>已申请取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="192"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="193"/>
        <source>cancel refused</source>
        <translation>取消被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="194"/>
        <source>cancel outcome unknown — checked at the next refresh</source>
        <translation>取消结果未知——下次刷新时查询</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="195"/>
        <source>cancel did not take effect</source>
        <translation>取消未生效</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="376"/>
        <location filename="../../app/gui/history_model.py" line="425"/>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/history_model.py" line="382"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>（另有 %n 项）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="435"/>
        <source>Sent to: %1</source>
        <translation>发往：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="446"/>
        <source>Checked %1</source>
        <translation>查询于 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="370"/>
        <source>%1 on %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="144"/>
        <source>Remote id</source>
        <translation>远端单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="151"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_model.py" line="152"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../app/gui/history_view.py" line="67"/>
        <source>Search reference, remote id, name, SKU, message…</source>
        <translation>搜索订单号、远端单号、姓名、SKU、消息…</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="76"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="82"/>
        <source>By what the server last said of the order</source>
        <translation>按服务器最近一次给出的订单状态筛选</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="83"/>
        <source>Shipped or not</source>
        <translation>是否发货</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="83"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="84"/>
        <source>Not shipped</source>
        <translation>未发货</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="85"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="90"/>
        <source>Orders entered in this period</source>
        <translation>在此期间录入的订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="92"/>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="92"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="93"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="93"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="94"/>
        <source>From… to…</source>
        <translation>从…到…</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="109"/>
        <source>Entered on or after this day</source>
        <translation>在此日期当天或之后录入</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="110"/>
        <source>Entered on or before this day</source>
        <translation>在此日期当天或之前录入</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="145"/>
        <source>Select an order to see it here.</source>
        <translation>选择一个订单以在此查看。</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="150"/>
        <source>Select an order to see its attempts.</source>
        <translation>选择一个订单以查看其发送记录。</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="154"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="155"/>
        <source>Request and response</source>
        <translation>请求与响应</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="157"/>
        <source>What was sent and what came back, attempt by attempt (credentials removed)</source>
        <translation>逐次列出发送的内容和返回的结果（已去除凭据）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="167"/>
        <source>Copy remote id</source>
        <translation>复制远端单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="168"/>
        <source>Open as new order</source>
        <translation>作为新订单打开</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="169"/>
        <source>Reconcile unknown</source>
        <translation>核对未知订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="170"/>
        <source>Refresh status</source>
        <translation>刷新状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="171"/>
        <source>Copy tracking</source>
        <translation>复制运单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="172"/>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="173"/>
        <source>Export selection to CSV…</source>
        <translation>将所选导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="174"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/history_view.py" line="278"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="286"/>
        <source>No orders match this search, state or date.</source>
        <translation>没有符合此搜索、状态或日期的订单。</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="287"/>
        <source>No orders yet — submit one from New order (Ctrl+N), or bring many in with File › Import spreadsheet…</source>
        <translation>还没有订单 — 可在“新订单”（Ctrl+N）中提交，或通过 文件 › 导入表格… 批量导入</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="293"/>
        <source>History not updated</source>
        <translation>历史记录未更新</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="365"/>
        <source>Reading the attempts…</source>
        <translation>正在读取尝试记录…</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="366"/>
        <source>Could not read the attempts: %1</source>
        <translation>无法读取尝试记录：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="390"/>
        <source>Remote id</source>
        <translation>远端单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="391"/>
        <source>Entered</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="392"/>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="393"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="394"/>
        <source>Sent to</source>
        <translation>发往</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="397"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="399"/>
        <location filename="../../app/gui/history_view.py" line="404"/>
        <source>On the server</source>
        <translation>服务器上</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="401"/>
        <source>Checked</source>
        <translation>查询时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Server order</source>
        <translation>服务器订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="406"/>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="407"/>
        <source>Tracking</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="417"/>
        <source>Deliver to</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="419"/>
        <source>(no address in this order)</source>
        <translation>（此订单没有地址）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="420"/>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="428"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="428"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="429"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="433"/>
        <source>(no lines in this order)</source>
        <translation>（此订单没有商品行）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="434"/>
        <source>Attempts</source>
        <translation>尝试记录</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="447"/>
        <source>Not sent yet.</source>
        <translation>尚未发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="448"/>
        <source>Show the request and response</source>
        <translation>显示请求与响应</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="454"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="454"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="455"/>
        <source>not taken (safe to resend)</source>
        <translation>未被受理（可安全重发）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="455"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="456"/>
        <source>found</source>
        <translation>已找到</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="456"/>
        <source>not on the server</source>
        <translation>服务器上没有</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="457"/>
        <source>no answer</source>
        <translation>无答复</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="467"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="467"/>
        <source>Looked up</source>
        <translation>已查询</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="468"/>
        <source>Status checked</source>
        <translation>已查询状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="468"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="476"/>
        <source>Reference: %1</source>
        <translation>订单号：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="477"/>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="478"/>
        <source>Remote id: %1</source>
        <translation>远端单号：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="479"/>
        <source>Profile: %1 (%2)</source>
        <translation>配置：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="481"/>
        <source>Sent to: %1</source>
        <translation>发往：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="484"/>
        <source>Message: %1</source>
        <translation>消息：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="485"/>
        <source>Payload:</source>
        <translation>请求内容：</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="492"/>
        <source>Attempt %1 (%2) at %3: %4, HTTP %5, %6 ms</source>
        <translation>第 %1 次尝试（%2），时间 %3：%4，HTTP %5，%6 毫秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="501"/>
        <source>Request:</source>
        <translation>请求：</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="503"/>
        <source>Response:</source>
        <translation>响应：</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="544"/>
        <source>Export orders</source>
        <translation>导出订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/history_view.py" line="544"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="127"/>
        <source>Import {0} orders</source>
        <translation>导入 {0} 订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="148"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="151"/>
        <location filename="../../app/gui/import_dialog.py" line="211"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="155"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="181"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="186"/>
        <source>Checking every order…</source>
        <translation>正在检查每个订单…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="197"/>
        <source>1. Choose the file and check how it reads</source>
        <translation>1. 选择文件并检查读取结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="198"/>
        <source>2. Map columns to fields</source>
        <translation>2. 将列对应到字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="199"/>
        <source>3. Preview and fix</source>
        <translation>3. 预览并修正</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="200"/>
        <source>4. Send</source>
        <translation>4. 发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="211"/>
        <source>Send {0} valid order(s)</source>
        <translation>发送 {0} 个有效订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="242"/>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="252"/>
        <source>{0} rows read.</source>
        <translation>已读取 {0} 行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="272"/>
        <source>Send to production</source>
        <translation>发送到正式环境</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_dialog.py" line="273"/>
        <source>Send {0} order(s) to {1} PRODUCTION ({2})? Each order is real and may debit the account.</source>
        <translation>将 {0} 个订单发送到 {1} 正式环境（{2}）？每个订单都是真实订单，可能会从账户扣款。</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="79"/>
        <source>A workbook (.xlsx, .xls, .ods) or a CSV, TSV or 'Unicode text' file</source>
        <translation>工作簿（.xlsx、.xls、.ods）或 CSV、TSV、“Unicode 文本”文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="81"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="83"/>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="84"/>
        <source>A CSV with the {0} column headers, ready to fill in</source>
        <translation>带有 {0} 列标题的 CSV，可直接填写</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="94"/>
        <location filename="../../app/gui/import_file_page.py" line="99"/>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="100"/>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="101"/>
        <source>Pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="106"/>
        <source>The workbook's sheet to import; the first sheet with data is chosen at first</source>
        <translation>要导入的工作表；默认选第一个有数据的工作表</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="112"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="113"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="114"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="115"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="210"/>
        <source>Sheet “{0}”: {1} row(s), {2} column(s), the header on row {3}. Check that the preview shows the right columns.</source>
        <translation>工作表“{0}”：{1} 行，{2} 列，表头在第 {3} 行。请检查预览中的列是否正确。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="216"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="217"/>
        <source>pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="219"/>
        <source>Read as {0}, {1}-separated, {2} column(s). Check that the preview shows the right characters and columns.</source>
        <translation>按 {0} 编码读取，以{1}分隔，共 {2} 列。请检查预览中的文字和列是否正确。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="238"/>
        <source>Spreadsheets ({0})</source>
        <translation>表格文件 ({0})</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="239"/>
        <source>Workbooks ({0})</source>
        <translation>工作簿 ({0})</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="240"/>
        <source>Spreadsheet text ({0})</source>
        <translation>表格文本 ({0})</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="241"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="244"/>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="253"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_file_page.py" line="253"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="38"/>
        <source>Ship to</source>
        <translation>收件信息</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="41"/>
        <source>Line</source>
        <translation>商品行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="42"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="43"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="44"/>
        <source>Product SKU</source>
        <translation>产品 SKU</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="45"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="46"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="47"/>
        <source>Customer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="48"/>
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="49"/>
        <source>Payer</source>
        <translation>支付人</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="89"/>
        <source>Or one value for all rows</source>
        <translation>或为所有行填同一个值</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="104"/>
        <source>one order per row</source>
        <translation>每行一个订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="105"/>
        <source>one order per identical address</source>
        <translation>相同地址合为一个订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="106"/>
        <source>Remember this mapping for files with these columns</source>
        <translation>对具有这些列的文件记住此对应关系</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="115"/>
        <source>Rows without an order reference</source>
        <translation>没有订单号的行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="118"/>
        <source>Rows with the same order reference become one order; each row is one item. * marks a required field.</source>
        <translation>订单号相同的行合并为一个订单；每行是一件商品。* 表示必填字段。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="133"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="145"/>
        <source>Suggested by its values: all {0} values of “{1}” are among the choices of {2}</source>
        <translation>按数值建议：“{1}”列的全部 {0} 个值都是“{2}”的可选值</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_mapping_page.py" line="153"/>
        <source>Columns not used: {0}</source>
        <translation>未使用的列：{0}</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="54"/>
        <source>Only rows with problems</source>
        <translation>只显示有问题的行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="57"/>
        <source>Exclude selected rows</source>
        <translation>排除所选行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="60"/>
        <source>Include selected rows</source>
        <translation>包含所选行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="116"/>
        <source>{0} rows read = {1} in {2} valid orders + {3} in {4} invalid orders + {5} excluded</source>
        <translation>已读取 {0} 行 = {1} 行属于 {2} 个有效订单 + {3} 行属于 {4} 个无效订单 + {5} 行已排除</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="121"/>
        <source>{0} valid order(s) already sent earlier: they will be skipped, not sent again.</source>
        <translation>{0} 个有效订单之前已发送：将跳过，不会重复发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="125"/>
        <source>line {0}: {1}</source>
        <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="128"/>
        <source>Excluded: {0}</source>
        <translation>已排除：{0}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_preview_page.py" line="130"/>
        <source> and {0} more</source>
        <translation> 以及另外 {0} 项</translation>
    </message>
</context>
<context>
    <name>ImportResultsModel</name>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="41"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="42"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="43"/>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="44"/>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="45"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="46"/>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="47"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Lines</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Reference</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="101"/>
        <source>Remote id</source>
        <translation>远端单号</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="102"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="119"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_results_model.py" line="122"/>
        <source> (earlier)</source>
        <translation>（之前）</translation>
    </message>
</context>
<context>
    <name>ImportRowsModel</name>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="99"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="175"/>
        <source>Excluded: {0}</source>
        <translation>已排除：{0}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="183"/>
        <source>Order invalid (see its other lines)</source>
        <translation>订单无效（见其其他行）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="187"/>
        <source>{0} (+{1} more)</source>
        <translation>{0}（另有 {1} 项）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="189"/>
        <source>Already sent: will not be sent again</source>
        <translation>已发送：不会再次发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="191"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_rows_model.py" line="192"/>
        <source>OK</source>
        <translation>正常</translation>
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
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="65"/>
        <source>Cancel sending</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="68"/>
        <source>Retry failed</source>
        <translation>重试失败的订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="71"/>
        <source>Export results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="73"/>
        <source>Export failed rows…</source>
        <translation>导出失败的行…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="74"/>
        <source>The rows of every order not accepted, in their original columns, ready to fix and import again</source>
        <translation>所有未被接受订单的行，保持原始列，可修正后重新导入</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="126"/>
        <location filename="../../app/gui/import_send_page.py" line="225"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="156"/>
        <source>Sending {0} order(s)…</source>
        <translation>正在发送 {0} 个订单…</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="195"/>
        <source>Stopped: {0}</source>
        <translation>已停止：{0}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="196"/>
        <source>Done: {0}.</source>
        <translation>完成：{0}。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="196"/>
        <source>nothing sent</source>
        <translation>未发送任何订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="198"/>
        <source>{0} already sent earlier: skipped, not sent again.</source>
        <translation>{0} 个之前已发送：已跳过，未重复发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="202"/>
        <source>{0} invalid order(s) were not sent: “Export failed rows…” writes them with the reasons, ready to fix and import again.</source>
        <translation>{0} 个无效订单未发送：“导出失败的行…”会连同原因一起导出，可修正后重新导入。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="214"/>
        <source>about {0} s left</source>
        <translation>剩余约 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="215"/>
        <source>estimating time left</source>
        <translation>正在估算剩余时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="216"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="218"/>
        <source>{0} of {1} done ({2}) – {3}</source>
        <translation>已完成 {0} / {1}（{2}）– {3}</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="227"/>
        <source>The account cannot take orders</source>
        <translation>该账户无法接单</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="228"/>
        <source>Sending is held: {0}

{1} order(s) are not sent yet. Fix the cause (top up the balance, or correct the credentials in Profiles and credentials), then resume; or stop, and send them later from the history or by importing the file again.</source>
        <translation>发送已暂停：{0}

还有 {1} 个订单未发送。请先解决问题（充值余额，或在“配置与凭据”中更正凭据）再继续；或者停止，稍后从历史记录或重新导入文件来发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="234"/>
        <source>Resume sending</source>
        <translation>继续发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="235"/>
        <source>Stop sending</source>
        <translation>停止发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="271"/>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="272"/>
        <location filename="../../app/gui/import_send_page.py" line="277"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="277"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_send_page.py" line="283"/>
        <source>Export failed rows</source>
        <translation>导出失败的行</translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <location filename="../../app/gui/items_table.py" line="232"/>
        <source>Add line</source>
        <translation>添加商品行</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="232"/>
        <source>Add an order line (Insert)</source>
        <translation>添加一行商品（Insert）</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="234"/>
        <source>Duplicate line</source>
        <translation>复制商品行</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="234"/>
        <source>Duplicate the current line (Ctrl+Shift+D)</source>
        <translation>复制当前行（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="236"/>
        <source>Remove line</source>
        <translation>删除商品行</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="236"/>
        <source>Remove the current line (Ctrl+Delete)</source>
        <translation>删除当前行（Ctrl+Delete）</translation>
    </message>
    <message>
        <location filename="../../app/gui/items_table.py" line="250"/>
        <source>Tab: next cell · Enter on the last line: new line · Ctrl+Enter: send</source>
        <translation>Tab：下一格 · 在最后一行按 Enter：新增一行 · Ctrl+Enter：发送</translation>
    </message>
</context>
<context>
    <name>KaOrderForm</name>
    <message>
        <location filename="../../app/gui/ka_form.py" line="61"/>
        <source>Ship to</source>
        <translation>收件信息</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="62"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="63"/>
        <source>More order fields</source>
        <translation>更多订单字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="64"/>
        <source>Tax numbers (IOSS, VAT)</source>
        <translation>税号（IOSS、VAT）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="65"/>
        <source>Deprecated fields</source>
        <translation>已弃用字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="84"/>
        <source>Different s&amp;peed per line</source>
        <translation>每行不同物流方式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="88"/>
        <source>Lines without their own speed ship at the order's shipping speed. A line's own speed wins for that line.</source>
        <translation>未单独指定物流方式的行按订单的物流方式发货；某行自己的物流方式对该行优先。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="94"/>
        <source>For every line without its own speed (see “Different speed per line” under the lines).</source>
        <translation>适用于每个未单独指定物流方式的行（见订单行下方的“每行不同物流方式”）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="110"/>
        <source>Order lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="154"/>
        <source>Channel code (deprecated)</source>
        <translation>渠道代码（已弃用）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="156"/>
        <source>Warehouse code (deprecated)</source>
        <translation>仓库代码（已弃用）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_form.py" line="217"/>
        <source>Enter the country and at least one line (SKU and quantity) first.</source>
        <translation>请先填写国家和至少一行商品（SKU 和数量）。</translation>
    </message>
</context>
<context>
    <name>KaQuotePanel</name>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="43"/>
        <source>Shipping and balance</source>
        <translation>运费与余额</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="50"/>
        <source>Balance: …</source>
        <translation>余额：…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="53"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="56"/>
        <source>Quote shipping</source>
        <translation>运费报价</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="58"/>
        <source>Delivery time and freight per channel type for the country and items entered</source>
        <translation>按所填国家和商品查询各物流方式的时效与运费</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Delivery time</source>
        <translation>时效</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Freight</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="64"/>
        <source>Shipping speed</source>
        <translation>物流方式</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="92"/>
        <source>Balance: asking…</source>
        <translation>余额：查询中…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="113"/>
        <location filename="../../app/gui/ka_quote_panel.py" line="121"/>
        <location filename="../../app/gui/ka_quote_panel.py" line="125"/>
        <source>Balance: %1</source>
        <translation>余额：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="123"/>
        <source>Balance: unknown (the API sent no amount)</source>
        <translation>余额：未知（接口未返回金额）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ka_quote_panel.py" line="134"/>
        <source>Asking for a quote…</source>
        <translation>正在查询报价…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ka_quote_panel.py" line="157"/>
        <source>%n channel type(s) quoted.</source>
        <translation>
            <numerusform>已报价 %n 种物流方式。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="743"/>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="91"/>
        <source>Order Desk</source>
        <translation>Order Desk 下单台</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="121"/>
        <source>Profiles and credentials…</source>
        <translation>配置与凭据…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="141"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="143"/>
        <location filename="../../app/gui/main_window.py" line="499"/>
        <source>Send this order (Ctrl+Enter)</source>
        <translation>发送此订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="155"/>
        <source>Bring back the previous order</source>
        <translation>恢复上一个订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="157"/>
        <source>The order that was in the form before it was emptied or replaced (Ctrl+Shift+Z)</source>
        <translation>表单被清空或替换之前的订单（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="188"/>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="190"/>
        <location filename="../../app/gui/main_window.py" line="266"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="388"/>
        <source>No system keyring: credentials can only be kept for this session</source>
        <translation>无系统密钥环：凭据只能在本次会话中保留</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="331"/>
        <source>&amp;Bring back the previous order</source>
        <translation>恢复上一个订单(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="119"/>
        <source>Import spreadsheet…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="333"/>
        <source>&amp;Review before sending</source>
        <translation>发送前确认(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="336"/>
        <source>Confirm a summary before each send (always for production profiles)</source>
        <translation>每次发送前确认订单摘要（正式环境的配置始终确认）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="342"/>
        <source>&amp;Import spreadsheet…</source>
        <translation>导入表格(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="358"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="459"/>
        <source>Settings not saved (%1): the change holds until Order Desk is closed.</source>
        <translation>设置未保存（%1）：更改在关闭程序前有效。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="493"/>
        <source>%n more</source>
        <translation>
            <numerusform>另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="495"/>
        <source>Not ready to send; still to fix:</source>
        <translation>尚不能发送，仍需修正：</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="497"/>
        <source>To send, fix: %1</source>
        <translation>发送前请修正：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="507"/>
        <source>Everything marked is fixed: ready to send (Ctrl+Enter).</source>
        <translation>标出的问题均已修正，可以发送（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="552"/>
        <source>New order. The one you had typed was put aside: “Bring back the previous order” (Ctrl+Shift+Z) restores it.</source>
        <translation>新订单。之前输入的订单已暂存：“恢复上一个订单”（Ctrl+Shift+Z）可将其恢复。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="570"/>
        <source>No order was put aside.</source>
        <translation>没有暂存的订单。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="579"/>
        <source>The previous order is back in the form.</source>
        <translation>上一个订单已恢复到表单中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="586"/>
        <source>No order sent yet in this session.</source>
        <translation>本次会话尚未发送订单。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="600"/>
        <source>Copied into a new order. Check it, then submit.</source>
        <translation>已复制为新订单。请检查后再提交。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="602"/>
        <source>The order you were typing was put aside: “Bring back the previous order” (Ctrl+Shift+Z) restores it.</source>
        <translation>正在输入的订单已暂存：“恢复上一个订单”（Ctrl+Shift+Z）可将其恢复。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="624"/>
        <source>Still sending the previous order…</source>
        <translation>仍在发送上一个订单…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="640"/>
        <source>Sending to %1…</source>
        <translation>正在发送到 %1…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="660"/>
        <source>Not sent: back to the form.</source>
        <translation>未发送：已返回表单。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="674"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="705"/>
        <source>(already accepted earlier; not sent again)</source>
        <translation>（之前已被接受；不再重复发送）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="731"/>
        <source>Batch finished: %1 of %2 accepted.</source>
        <translation>批量发送完成：%2 个中已接受 %1 个。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="740"/>
        <source>Rejected by the API</source>
        <translation>被接口拒绝</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="741"/>
        <source>Not sent: invalid</source>
        <translation>未发送：无效</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="742"/>
        <source>Outcome unknown (will be checked before any resend)</source>
        <translation>结果未知（重新发送前会先核对）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="744"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="751"/>
        <source>Suspected duplicate</source>
        <translation>疑似重复订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="752"/>
        <source>This order has the same content as one sent before.

%1

Send it anyway?</source>
        <translation>此订单与之前发送过的订单内容相同。

%1

仍要发送吗？</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="629"/>
        <location filename="../../app/gui/main_window.py" line="771"/>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="323"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="325"/>
        <source>&amp;New order</source>
        <translation>新订单(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="327"/>
        <source>&amp;Duplicate last order</source>
        <translation>复制上一个订单(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="329"/>
        <source>&amp;Submit</source>
        <translation>提交(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="344"/>
        <source>&amp;Profiles and credentials…</source>
        <translation>配置与凭据(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="347"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="353"/>
        <source>&amp;New order tab</source>
        <translation>新订单标签页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="355"/>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="369"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="371"/>
        <source>&amp;About Order Desk</source>
        <translation>关于 Order Desk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="441"/>
        <source>%1 (%2) — %3</source>
        <translation>%1（%2）— %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="470"/>
        <source>Profile %1 has no %2 yet: add it in File › Profiles and credentials…</source>
        <translation>配置 %1 还没有%2：请在 文件 › 配置与凭据… 中添加</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="510"/>
        <source>Not sent: %n field(s) need a fix; each is marked in red with what is wrong.</source>
        <translation>
            <numerusform>未发送：有 %n 个字段需要修正；每个字段都以红色标出问题所在。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="694"/>
        <source>Not sent: reference %1 was already accepted (remote id %2) with different content. A created order cannot be changed here; give this order a new reference to send it as a new order.</source>
        <translation>未发送：订单号 %1 已被接受（远端单号 %2），但内容不同。已创建的订单无法在此修改；请为此订单换一个新订单号，作为新订单发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="702"/>
        <source>Accepted — remote id %2 (reference %1). It is in History.</source>
        <translation>已接受 — 远端单号 %2（订单号 %1）。可在历史记录中查看。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="781"/>
        <source>Asking the server about %n order(s)…</source>
        <translation>
            <numerusform>正在向服务器查询 %n 个订单…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="795"/>
        <source>Checked %1 order(s) on the server: %2 shipped.</source>
        <translation>已在服务器上查询 %1 个订单：%2 个已发货。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="799"/>
        <source>%1 could not be checked: %2</source>
        <translation>%1 个无法查询：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="814"/>
        <source>Cancelling %n order(s)…</source>
        <translation>
            <numerusform>正在取消 %n 个订单…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="828"/>
        <source>Cancel: %1 cancelled, %2 refused, %3 unknown (checked at the next refresh).</source>
        <translation>取消：%1 个已取消，%2 个被拒绝，%3 个结果未知（下次刷新时查询）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="884"/>
        <source>Orders are being sent</source>
        <translation>正在发送订单</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="885"/>
        <source>%n order(s) are still being sent. Quit anyway? Requests already on their way are finished or checked at the next start (the journal has them); orders not sent yet are cancelled and can be sent again.</source>
        <translation>
            <numerusform>仍有 %n 个订单正在发送。仍要退出吗？已发出的请求会完成，或在下次启动时核对（日志中有记录）；尚未发送的订单将被取消，之后可以重新发送。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NomadOrderForm</name>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="69"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="70"/>
        <source>Customer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="71"/>
        <source>More customer fields</source>
        <translation>更多买家字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="72"/>
        <source>Customer address</source>
        <translation>收件地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="73"/>
        <source>Shipping</source>
        <translation>物流</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="74"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="75"/>
        <source>More order fields</source>
        <translation>更多订单字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="76"/>
        <source>Customs</source>
        <translation>报关</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="77"/>
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="78"/>
        <source>Payer</source>
        <translation>支付人</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="79"/>
        <source>Deprecated fields</source>
        <translation>已弃用字段</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="98"/>
        <source>The Nomad store orders go to; set it in the profile.</source>
        <translation>订单发往的 Nomad 店铺；在配置中设置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="99"/>
        <source>Store</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../app/gui/nomad_form.py" line="104"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../app/gui/order_form.py" line="298"/>
        <source>Line %1, %2</source>
        <translation>第 %1 行，%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="302"/>
        <source>Order lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="305"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/order_form.py" line="318"/>
        <source>%n more</source>
        <translation>
            <numerusform>另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/order_form.py" line="553"/>
        <source>Line %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="28"/>
        <source>Review before sending</source>
        <translation>发送前确认</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="36"/>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="38"/>
        <source>Back to the form (Esc)</source>
        <translation>返回表单（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="63"/>
        <source>(no lines)</source>
        <translation>（无商品明细）</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="65"/>
        <source>Send to</source>
        <translation>发往</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="66"/>
        <source>Deliver to</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="67"/>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="68"/>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <location filename="../../app/gui/review_dialog.py" line="69"/>
        <source>Reference</source>
        <translation>订单号</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="84"/>
        <source>Profiles and credentials</source>
        <translation>配置与凭据</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="97"/>
        <location filename="../../app/gui/settings_dialog.py" line="306"/>
        <source>New profile</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="100"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="60"/>
        <source>Sandbox (built-in simulator)</source>
        <translation>沙箱（内置模拟器）</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="62"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="63"/>
        <source>Production</source>
        <translation>正式</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="69"/>
        <source>sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="70"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="71"/>
        <source>PRODUCTION</source>
        <translation>正式环境</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="126"/>
        <source>empty: the built-in simulator</source>
        <translation>留空：使用内置模拟器</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="142"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="143"/>
        <source> per second</source>
        <translation> 次/秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="150"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="152"/>
        <source>After a send whose outcome is unknown, how long the API may take to list a new order. Until then “not found” is not believed and nothing is sent again.</source>
        <translation>发送结果未知时，接口可能需要多长时间才能查到新订单。在此之前，“未找到”不予采信，也不会重新发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="155"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="184"/>
        <source>Address key (KA)</source>
        <translation>地址密钥（KA）</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="185"/>
        <source>Concurrent requests</source>
        <translation>并发请求数</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="186"/>
        <source>Rate limit</source>
        <translation>速率限制</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="187"/>
        <source>Burst</source>
        <translation>突发量</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="188"/>
        <source>Trust “not found” after</source>
        <translation>“未找到”可信的等待时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="199"/>
        <source>Save profile</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="202"/>
        <source>Use this profile</source>
        <translation>使用此配置</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="236"/>
        <source>%1
%2 · %3</source>
        <translation>%1
%2 · %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="240"/>
        <source> · in use</source>
        <translation> · 使用中</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="242"/>
        <source>the built-in simulator</source>
        <translation>内置模拟器</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="322"/>
        <source>%1 orders sent with this profile are not settled yet (queued, being sent or unknown), and no other profile reaches their account; reconcile them before removing it.</source>
        <translation>用此配置发送的 %1 个订单尚未结清（排队中、发送中或未知），且没有其他配置能访问其账户；请先核对这些订单再删除此配置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="383"/>
        <source>%1 orders sent with this profile are not settled yet, and no other profile reaches their account. Reconcile them (History) before pointing this profile elsewhere, or make a new profile.</source>
        <translation>用此配置发送的 %1 个订单尚未结清，且没有其他配置能访问其账户。请先核对这些订单（历史记录）再更改此配置的地址，或新建一个配置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="397"/>
        <source>%1 orders were already sent with “%2” to %3. The new address is another account to Order Desk: those orders stay in the history of the old one, and sending the same orders again with this profile creates them at the new address.

Save to send to the new address from now on, or cancel and make a new profile for it.</source>
        <translation>已用“%2”向 %3 发送了 %1 个订单。对本程序而言，新地址是另一个账户：这些订单仍保留在旧账户的历史记录中，用此配置再次发送相同订单会在新地址上重新创建。

保存则从现在起发往新地址；或取消，并为新地址新建一个配置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="402"/>
        <source>the built-in sandbox</source>
        <translation>内置沙箱</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="425"/>
        <source>Not renamed, nothing changed: %1</source>
        <translation>未重命名，未做任何更改：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="396"/>
        <source>Change where this profile sends</source>
        <translation>更改此配置的发送地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="158"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="159"/>
        <source>Tar&amp;get</source>
        <translation>接口(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="160"/>
        <source>&amp;Environment</source>
        <translation>环境(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="161"/>
        <source>&amp;URL</source>
        <translation>接口地址(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="162"/>
        <source>St&amp;ore</source>
        <translation>店铺(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="163"/>
        <source>Gateway s&amp;tage</source>
        <translation>网关阶段(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="164"/>
        <source>The Nomad store id the orders go to</source>
        <translation>订单发往的 Nomad 店铺 ID</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="165"/>
        <source>The API gateway stage: TEST, PRE or RELEASE</source>
        <translation>API 网关阶段：TEST、PRE 或 RELEASE</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="170"/>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="176"/>
        <source>How requests are sent: concurrency, rate limit, burst, the KA address key and how long to wait before “not found” is believed</source>
        <translation>请求的发送方式：并发数、速率限制、突发量、KA 地址密钥，以及多久之后才采信“未找到”</translation>
    </message>
    <message>
        <location filename="../../app/gui/settings_dialog.py" line="377"/>
        <source>A profile with this name already exists.</source>
        <translation>已存在同名配置。</translation>
    </message>
</context>
<context>
    <name>SubmissionController</name>
    <message>
        <location filename="../../app/gui/submission.py" line="166"/>
        <source>%1 not sent: nothing was created; submit them again to send them.</source>
        <translation>%1 未发送：未创建任何订单；请重新提交以发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="91"/>
        <source>No profile sends to %1 any more; its unknown orders cannot be checked. Add a profile for it.</source>
        <translation>已没有配置发往 %1；其未知订单无法核对。请为其添加一个配置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="156"/>
        <source>Checking unknown orders failed: %1</source>
        <translation>核对未知订单失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/submission.py" line="160"/>
        <source>Checked %1 unknown order(s): %2 accepted, %3 still unknown.</source>
        <translation>已核对 %1 个未知订单：%2 个已接受，%3 个仍未知。</translation>
    </message>
</context>
<context>
    <name>TeamJournalBox</name>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="31"/>
        <source>Team journal</source>
        <translation>团队日志</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="35"/>
        <source>Desks of a team that share one journal (PostgreSQL) never send an order twice and see each other's history. Empty: this desk's own journal.</source>
        <translation>共用一个日志（PostgreSQL）的团队各台电脑不会重复发送同一订单，并能看到彼此的历史记录。留空：使用本机自己的日志。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="42"/>
        <source>postgresql://user@host:5432/database?sslmode=verify-full</source>
        <translation>postgresql://用户名@主机:5432/数据库?sslmode=verify-full</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="46"/>
        <source>kept in the keyring; typing replaces it</source>
        <translation>保存在系统密钥环中；输入新值即替换</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="50"/>
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="54"/>
        <source>Save team journal</source>
        <translation>保存团队日志</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="57"/>
        <source>Copy this desk's history to it</source>
        <translation>将本机的历史记录复制到团队日志</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="60"/>
        <source>Copies this desk's own journal (orders and attempts) into the team journal. It can be done again: orders already there are left as they are; an order the team journal holds under the same reference with other content is not copied, and named.</source>
        <translation>将本机自己的日志（订单及每次尝试）复制到团队日志。可以重复执行：已有的订单保持不变；团队日志中同一订单号但内容不同的订单不会被复制，并会列出其订单号。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="68"/>
        <source>UR&amp;L</source>
        <translation>地址(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="69"/>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="82"/>
        <location filename="../../app/gui/team_journal_box.py" line="108"/>
        <source>URL: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="88"/>
        <source>Password: no keyring to keep it in (%1). Set ORDER_DESK_DATABASE_PASSWORD instead.</source>
        <translation>密码：没有可保存它的系统密钥环（%1）。请改为设置环境变量 ORDER_DESK_DATABASE_PASSWORD。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="96"/>
        <source>Saved; ORDER_DESK_DATABASE_URL is set and wins over it.</source>
        <translation>已保存；但已设置的环境变量 ORDER_DESK_DATABASE_URL 优先于此设置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="98"/>
        <source>Saved. Order Desk uses it from its next start.</source>
        <translation>已保存。Order Desk 下次启动时开始使用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="111"/>
        <source>URL: type the team journal's address first.</source>
        <translation>地址：请先输入团队日志的地址。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="115"/>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="121"/>
        <source>Copied %1 order(s); %2 already there.</source>
        <translation>已复制 %1 个订单；%2 个已存在。</translation>
    </message>
    <message>
        <location filename="../../app/gui/team_journal_box.py" line="125"/>
        <source>Not copied, held there with other content: %1</source>
        <translation>未复制（团队日志中已有内容不同的同号订单）：%1</translation>
    </message>
</context>
<context>
    <name>WindowHeader</name>
    <message>
        <location filename="../../app/gui/window_header.py" line="52"/>
        <source>&amp;Target</source>
        <translation>接口(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="54"/>
        <source>&amp;Profile</source>
        <translation>配置(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="99"/>
        <source>Orders go to: %1</source>
        <translation>订单发往：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="104"/>
        <source>→ built-in simulator</source>
        <translation>→ 内置模拟器</translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="107"/>
        <source>store %1</source>
        <translation>店铺 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/window_header.py" line="110"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Address line 1</source>
        <translation>地址1</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>地址2</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Available stock</source>
        <translation>可用库存</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条形码</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Campaign tracking data</source>
        <translation>活动追踪数据</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Category ID</source>
        <translation>类目 ID</translation>
    </message>
    <message>
        <source>Channel code</source>
        <translation>渠道代码</translation>
    </message>
    <message>
        <source>Chinese ID (deprecated)</source>
        <translation>身份证号（已弃用）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Client parent order ref</source>
        <translation>客户父订单号</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>国家代码</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer ID ref</source>
        <translation>买家编号</translation>
    </message>
    <message>
        <source>Customer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Customs code</source>
        <translation>海关编码</translation>
    </message>
    <message>
        <source>Customs filing ID</source>
        <translation>海关备案号</translation>
    </message>
    <message>
        <source>Customs unit code</source>
        <translation>海关计量单位代码</translation>
    </message>
    <message>
        <source>Customs unit code package</source>
        <translation>海关包装单位代码</translation>
    </message>
    <message>
        <source>Customs unit code weight</source>
        <translation>海关重量单位代码</translation>
    </message>
    <message>
        <source>Delivery slip URL</source>
        <translation>面单链接</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Destination code</source>
        <translation>目的地代码</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount code</source>
        <translation>优惠码</translation>
    </message>
    <message>
        <source>Distributor ID</source>
        <translation>分销商 ID</translation>
    </message>
    <message>
        <source>Distributor name</source>
        <translation>分销商名称</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Express company</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Express type</source>
        <translation>快递类型</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Group buying price</source>
        <translation>拼团价</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS 编码</translation>
    </message>
    <message>
        <source>IOSS number</source>
        <translation>IOSS 编号</translation>
    </message>
    <message>
        <source>Image IDs</source>
        <translation>图片 ID</translation>
    </message>
    <message>
        <source>Image URLs</source>
        <translation>图片链接</translation>
    </message>
    <message>
        <source>Images to upload</source>
        <translation>待上传图片</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>成分</translation>
    </message>
    <message>
        <source>Insurance fee</source>
        <translation>保价费</translation>
    </message>
    <message>
        <source>Is combined</source>
        <translation>是否合并订单</translation>
    </message>
    <message>
        <source>Is distribution order</source>
        <translation>是否分销订单</translation>
    </message>
    <message>
        <source>Is sub order</source>
        <translation>是否子订单</translation>
    </message>
    <message>
        <source>Item ID</source>
        <translation>商品 ID</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Logistics mode</source>
        <translation>物流模式</translation>
    </message>
    <message>
        <source>Mass unit</source>
        <translation>重量单位</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Node code</source>
        <translation>节点代码</translation>
    </message>
    <message>
        <source>Non cash deduction amount</source>
        <translation>非现金抵扣金额</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>是否在售</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单 ID</translation>
    </message>
    <message>
        <source>Order reference</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Order type</source>
        <translation>订单类型</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Pay ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Pay amount</source>
        <translation>支付金额</translation>
    </message>
    <message>
        <source>Pay customs no</source>
        <translation>支付报关单号</translation>
    </message>
    <message>
        <source>Pay merchant name</source>
        <translation>支付商户名称</translation>
    </message>
    <message>
        <source>Pay method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Payment pay ID</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <source>Personal postal articles tax</source>
        <translation>行邮税</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Platform transaction ID</source>
        <translation>平台交易号</translation>
    </message>
    <message>
        <source>Postcode / ZIP</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation>产品 ID</translation>
    </message>
    <message>
        <source>Products total tax</source>
        <translation>商品总税额</translation>
    </message>
    <message>
        <source>Province / state</source>
        <translation>省/州</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>RRP</source>
        <translation>建议零售价</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>SKU number</source>
        <translation>SKU 编号</translation>
    </message>
    <message>
        <source>Sale platform</source>
        <translation>销售平台</translation>
    </message>
    <message>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <source>Shipped date</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Shipping cost</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Shipping speed</source>
        <translation>物流方式</translation>
    </message>
    <message>
        <source>Shipping tax</source>
        <translation>运费税</translation>
    </message>
    <message>
        <source>Shipping time</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺码</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Store ID</source>
        <translation>店铺 ID</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>Street (line 2)</source>
        <translation>街道地址（第 2 行）</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税费</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Taxpayer ID</source>
        <translation>纳税人识别号</translation>
    </message>
    <message>
        <source>Time unit</source>
        <translation>时间单位</translation>
    </message>
    <message>
        <source>Tracking reference</source>
        <translation>物流单号</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>VAT 增值税号</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Warehouse code</source>
        <translation>仓库代码</translation>
    </message>
    <message>
        <source>Warehouse stock</source>
        <translation>仓库库存</translation>
    </message>
    <message>
        <source>Warranty period</source>
        <translation>保修期</translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message>
        <source>at least %1 item required</source>
        <translation>至少需要 %1 项</translation>
    </message>
    <message>
        <source>at least %1 items required</source>
        <translation>至少需要 %1 项</translation>
    </message>
    <message>
        <source>at least one item is required</source>
        <translation>至少需要一件商品</translation>
    </message>
    <message>
        <source>at most %1 characters</source>
        <translation>最多 %1 个字符</translation>
    </message>
    <message>
        <source>at most %1 characters (got %2)</source>
        <translation>最多 %1 个字符（当前 %2 个）</translation>
    </message>
    <message>
        <source>at most %1 items</source>
        <translation>最多 %1 项</translation>
    </message>
    <message>
        <source>at most %1 items (got %2)</source>
        <translation>最多 %1 项（当前 %2 项）</translation>
    </message>
    <message>
        <source>delivery address: address line is required</source>
        <translation>收件地址：必须填写详细地址</translation>
    </message>
    <message>
        <source>delivery address: city is required</source>
        <translation>收件地址：必须填写城市</translation>
    </message>
    <message>
        <source>delivery address: country is required</source>
        <translation>收件地址：必须填写国家</translation>
    </message>
    <message>
        <source>delivery address: recipient name is required</source>
        <translation>收件地址：必须填写收件人姓名</translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation>值无效</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must be at least %1 (got %2)</source>
        <translation>不能小于 %1（当前为 %2）</translation>
    </message>
    <message>
        <source>must be at most %1 (got %2)</source>
        <translation>不能大于 %1（当前为 %2）</translation>
    </message>
    <message>
        <source>must be more than %1 (got %2)</source>
        <translation>必须大于 %1（当前为 %2）</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <source>Could not build the request (%1)</source>
        <translation>无法生成请求（%1）</translation>
    </message>
    <message>
        <source>Could not connect (%1); nothing was sent</source>
        <translation>无法连接（%1）；未发送任何内容</translation>
    </message>
    <message>
        <source>KA accepted the refund of order %1; KA completes refunds within 24 hours</source>
        <translation>KA 已受理订单 %1 的退款；KA 会在 24 小时内完成退款</translation>
    </message>
    <message>
        <source>KA lookup failed: %1</source>
        <translation>KA 查询失败：%1</translation>
    </message>
    <message>
        <source>KA lookup gave up after %1 pages without finding %2; nothing can be concluded</source>
        <translation>KA 查询了 %1 页仍未找到 %2，已放弃；无法得出结论</translation>
    </message>
    <message>
        <source>KA lookup stopped</source>
        <translation>KA 查询已停止</translation>
    </message>
    <message>
        <source>KA order %1 created</source>
        <translation>KA 订单 %1 已创建</translation>
    </message>
    <message>
        <source>KA refused it (code %1): %2</source>
        <translation>KA 拒绝了该订单（代码 %1）：%2</translation>
    </message>
    <message>
        <source>Nomad did not filter by client_order_ref; nothing can be concluded</source>
        <translation>Nomad 未按 client_order_ref 过滤；无法得出结论</translation>
    </message>
    <message>
        <source>Nomad gateway refused the request (HTTP %1): %2</source>
        <translation>Nomad 网关拒绝了请求（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>Nomad lookup failed: %1</source>
        <translation>Nomad 查询失败：%1</translation>
    </message>
    <message>
        <source>Nomad order %1 cancelled</source>
        <translation>Nomad 订单 %1 已取消</translation>
    </message>
    <message>
        <source>Nomad order %1 created</source>
        <translation>Nomad 订单 %1 已创建</translation>
    </message>
    <message>
        <source>Nomad refused it (code %1): %2</source>
        <translation>Nomad 拒绝了该订单（代码 %1）：%2</translation>
    </message>
    <message>
        <source>Server string to sign: %1; ours: %2; %3</source>
        <translation>服务器的待签名字符串：%1；本机的：%2；%3</translation>
    </message>
    <message>
        <source>The connection failed after the request was sent (%1); the server may have processed it: look it up before resending</source>
        <translation>请求发出后连接中断（%1）；服务器可能已处理：重发前请先查询</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 but the body %2 (%3); it may have processed the request: look the order up before resending</source>
        <translation>服务器返回 HTTP %1，但响应内容%2（%3）；服务器可能已处理该请求：重发前请先查询该订单</translation>
    </message>
    <message>
        <source>a cancel is already under way</source>
        <translation>已有取消请求在处理中</translation>
    </message>
    <message>
        <source>already accepted earlier with different content; this version was NOT sent (a created order cannot be changed here: give a new order its own reference)</source>
        <translation>之前已被接受，但内容不同；此版本未发送（已创建的订单无法在此修改：请为新订单使用新的订单号）</translation>
    </message>
    <message>
        <source>already accepted earlier; not sent again</source>
        <translation>之前已被接受；不再重复发送</translation>
    </message>
    <message>
        <source>already cancelled</source>
        <translation>已取消过</translation>
    </message>
    <message>
        <source>an earlier attempt probably created it; looking it up</source>
        <translation>之前的尝试很可能已创建该订单；正在查询</translation>
    </message>
    <message>
        <source>an earlier cancel may have arrived: the next status check looks it up; it is never sent again blindly</source>
        <translation>之前的取消请求可能已送达：下次查询状态时会核对；绝不盲目重发</translation>
    </message>
    <message>
        <source>being sent by another batch right now; see the history for its outcome</source>
        <translation>另一批次正在发送此订单；结果请查看历史记录</translation>
    </message>
    <message>
        <source>cancelled (confirmed by the server)</source>
        <translation>已取消（服务器已确认）</translation>
    </message>
    <message>
        <source>cancelled before it was journaled</source>
        <translation>记录前已取消</translation>
    </message>
    <message>
        <source>cancelled before it was sent; nothing was created</source>
        <translation>发送前已取消；未创建任何订单</translation>
    </message>
    <message>
        <source>check the app key, including leading or trailing spaces</source>
        <translation>请检查 App Key，包括首尾空格</translation>
    </message>
    <message>
        <source>check the base URL, the store and the stage</source>
        <translation>请检查接口地址、店铺和环境（stage）</translation>
    </message>
    <message>
        <source>client error: %1</source>
        <translation>客户端错误：%1</translation>
    </message>
    <message>
        <source>found KA order %1</source>
        <translation>找到 KA 订单 %1</translation>
    </message>
    <message>
        <source>found Nomad order %1</source>
        <translation>找到 Nomad 订单 %1</translation>
    </message>
    <message>
        <source>found on the server after an uncertain outcome</source>
        <translation>结果不确定后在服务器上找到了该订单</translation>
    </message>
    <message>
        <source>gateway request id %1</source>
        <translation>网关请求编号 %1</translation>
    </message>
    <message>
        <source>is not JSON</source>
        <translation>不是 JSON</translation>
    </message>
    <message>
        <source>is not a KA envelope</source>
        <translation>不是 KA 的响应格式</translation>
    </message>
    <message>
        <source>is not a Nomad envelope</source>
        <translation>不是 Nomad 的响应格式</translation>
    </message>
    <message>
        <source>it cannot be cancelled now</source>
        <translation>现在无法取消</translation>
    </message>
    <message>
        <source>no KA order with customOrderId %1 created since %2</source>
        <translation>自 %2 以来没有 customOrderId 为 %1 的 KA 订单</translation>
    </message>
    <message>
        <source>no Nomad order with clientOrderRef %1</source>
        <translation>没有 clientOrderRef 为 %1 的 Nomad 订单</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>无消息</translation>
    </message>
    <message>
        <source>not cancelled: the server shows the order as it was, so the request did not take effect; it may be asked again</source>
        <translation>未取消：服务器上的订单没有变化，取消请求未生效；可以再次申请</translation>
    </message>
    <message>
        <source>not cancelled: the server turned the request away before processing it (busy or unreachable); it may be asked again</source>
        <translation>未取消：服务器在处理前拒收了请求（繁忙或无法连接）；可以再次申请</translation>
    </message>
    <message>
        <source>not found yet, but the API may not list it yet; reconcile after %1</source>
        <translation>尚未找到，但接口可能还未列出该订单；请在 %1 之后核对</translation>
    </message>
    <message>
        <source>not on the server (%1): nothing to cancel</source>
        <translation>不在服务器上（%1）：无需取消</translation>
    </message>
    <message>
        <source>not on the server; sending again under the same reference</source>
        <translation>服务器上没有该订单；以同一订单号重新发送</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>one of %1 paged requests</source>
        <translation>共 %1 次分页请求之一</translation>
    </message>
    <message>
        <source>outcome unknown; the lookup failed: %1</source>
        <translation>结果未知；查询失败：%1</translation>
    </message>
    <message>
        <source>redirected to %1: check the base URL</source>
        <translation>被重定向到 %1：请检查接口地址</translation>
    </message>
    <message>
        <source>reference %1 appears more than once in this batch</source>
        <translation>订单号 %1 在本批中出现了不止一次</translation>
    </message>
    <message>
        <source>refused without asking: the server says it has shipped (%1), so it can no longer be cancelled</source>
        <translation>未发请求即拒绝：服务器显示已发货（%1），无法再取消</translation>
    </message>
    <message>
        <source>same content as order %1 (%2); held back as a suspected duplicate. Give it its own reference or allow duplicates to send it anyway.</source>
        <translation>与订单 %1（%2）内容相同；作为疑似重复订单暂不发送。请为它指定自己的订单号，或允许重复后再发送。</translation>
    </message>
    <message>
        <source>split into %1 orders</source>
        <translation>拆分为 %1 个订单</translation>
    </message>
    <message>
        <source>stopped while being sent (%1); it may have been created: reconcile it once the problem is solved</source>
        <translation>发送过程中中断（%1）；订单可能已创建：问题解决后请核对</translation>
    </message>
    <message>
        <source>the KA token was refused: check the token this profile uses (Profiles and credentials, or `order-desk credentials status` for where it comes from)</source>
        <translation>KA 令牌被拒绝：请检查此配置使用的令牌（“配置与凭据”，或用 `order-desk credentials status` 查看令牌来源）</translation>
    </message>
    <message>
        <source>the backend may have processed it; look it up before resending</source>
        <translation>后端可能已处理；重发前请先查询</translation>
    </message>
    <message>
        <source>the same signed request arrived twice; this copy was not processed again</source>
        <translation>同一签名请求到达了两次；此副本未被再次处理</translation>
    </message>
    <message>
        <source>the server does not list this order</source>
        <translation>服务器未列出此订单</translation>
    </message>
    <message>
        <source>the server may have processed the request; look it up before resending</source>
        <translation>服务器可能已处理该请求；重发前请先查询</translation>
    </message>
    <message>
        <source>the server took none of %1 tries (%2); nothing was created. Submitting it again (the same file or order) sends it</source>
        <translation>服务器 %1 次尝试均未受理（%2）；未创建任何订单。再次提交（同一文件或订单）即可发送</translation>
    </message>
    <message>
        <source>the status query failed: %1</source>
        <translation>状态查询失败：%1</translation>
    </message>
    <message>
        <source>the status query gave up after %1 pages</source>
        <translation>状态查询在 %1 页后放弃</translation>
    </message>
    <message>
        <source>the status query was stopped</source>
        <translation>状态查询已停止</translation>
    </message>
    <message>
        <source>the team journal needs PostgreSQL's client library (libpq), which is not installed on this machine: install it (Debian and Ubuntu: the libpq5 package)</source>
        <translation>团队日志需要 PostgreSQL 的客户端库（libpq），但本机未安装：请安装（Debian 和 Ubuntu：libpq5 软件包）</translation>
    </message>
    <message>
        <source>the team journal's PostgreSQL driver cannot load its client library (libpq) here (%1): this installation of Order Desk is incomplete; install it again</source>
        <translation>团队日志的 PostgreSQL 驱动无法在本机加载其客户端库（libpq）（%1）：Order Desk 的安装不完整；请重新安装</translation>
    </message>
    <message>
        <source>they differ, so something changed the request on the way (URL, proxy, headers)</source>
        <translation>二者不同，说明请求在途中被改动（地址、代理或请求头）</translation>
    </message>
    <message>
        <source>they match, so the app secret is wrong</source>
        <translation>二者一致，说明 App Secret 有误</translation>
    </message>
    <message>
        <source>this app key is not authorised for the API; ask Nomad support</source>
        <translation>此 App Key 未获该接口授权；请联系 Nomad 客服</translation>
    </message>
    <message>
        <source>this computer's clock is off by more than 15 minutes; correct it</source>
        <translation>本机时钟偏差超过 15 分钟；请校正</translation>
    </message>
    <message>
        <source>this machine's PostgreSQL client library (libpq) was found but cannot be loaded (%1): it is not compatible with this build of Order Desk; use a build made for this system's version</source>
        <translation>已找到本机的 PostgreSQL 客户端库（libpq），但无法加载（%1）：它与此版本的 Order Desk 不兼容；请使用为本系统版本构建的 Order Desk</translation>
    </message>
</context>
</TS>
