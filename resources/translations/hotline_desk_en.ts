<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AcknowledgeUrgeDialog</name>
    <message>
        <source>阅知催办</source>
        <translation>Acknowledge urge</translation>
    </message>
    <message>
        <source>{person} {at}：{text}</source>
        <translation>{person} {at}: {text}</translation>
    </message>
    <message>
        <source>没有待阅的催办</source>
        <translation>No unread urges</translation>
    </message>
    <message>
        <source>已阅</source>
        <translation>Mark as read</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>{action} — {case_no}</source>
        <translation>{action} — {case_no}</translation>
    </message>
    <message>
        <source>{case_no}  {title}</source>
        <translation>{case_no}  {title}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>有 {count} 处需要修改，未保存。</source>
        <translation>{count} field(s) need correcting; nothing was saved.</translation>
    </message>
    <message>
        <source>;</source>
        <comment>separator between messages</comment>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>AdminRequests</name>
    <message>
        <source>新建账号（角色：{roles}）</source>
        <translation>New account (roles: {roles})</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>重置动态验证码</source>
        <translation>Reset one-time codes</translation>
    </message>
    <message>
        <source>姓名改为：{name}</source>
        <translation>Name changed to: {name}</translation>
    </message>
    <message>
        <source>启用账号</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>角色改为：{roles}</source>
        <translation>Change roles to: {roles}</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Awaiting confirmation</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>（{name}）</source>
        <translation> ({name})</translation>
    </message>
    <message>
        <source>：{note}</source>
        <translation>: {note}</translation>
    </message>
    <message>
        <source>已提交请求</source>
        <translation>Request submitted</translation>
    </message>
    <message>
        <source>对管理员账号的变更须由另一名管理员确认（双人控制）。
已提交请求（编号 {id}）：{what} — {user}
确认前不会生效，{days}天内未处理将过期。</source>
        <translation>A change to an administrator account must be confirmed by another administrator (dual control).
Request submitted (no. {id}): {what} — {user}
It takes effect only once confirmed, and expires if not dealt with within {days} days.</translation>
    </message>
</context>
<context>
    <name>AdvancedSearchDialog</name>
    <message>
        <source>高级查询</source>
        <translation>Advanced search</translation>
    </message>
    <message>
        <source>多个词以空格分隔，须全部包含</source>
        <translation>Separate several words with spaces; all must be present</translation>
    </message>
    <message>
        <source>留空则不保存</source>
        <translation>Leave empty not to save</translation>
    </message>
    <message>
        <source>关键字（任意字段）</source>
        <translation>Keywords (any field)</translation>
    </message>
    <message>
        <source>在标题、诉求内容、平台工单号、办理意见、办理记录、答复和回访记录中查找；有权查看来电人信息的用户还查找来电人姓名、电话和地址。全角半角、大小写、繁简体不论。</source>
        <translation>Searches the title, request content, platform number, opinions, handling notes, replies and callback records; users who may see callers&apos; data also search the caller&apos;s name, phone and address. Full/half width, case and traditional/simplified characters do not matter.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>事项分类</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>至</source>
        <comment>date range: from … to …</comment>
        <translation>to</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>保存为查询</source>
        <translation>Save as a search</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AlertWatcher</name>
    <message>
        <source>办件提醒</source>
        <translation>Case alerts</translation>
    </message>
    <message>
        <source>{case_no} 已超期</source>
        <translation>{case_no} is overdue</translation>
    </message>
    <message>
        <source>您有 {red} 件已超期、{yellow} 件临近期限，{urges} 条催办待阅，{orders} 张督办单待回复。</source>
        <translation>You have {red} overdue cases, {yellow} near their deadline, {urges} urges to read and {orders} supervision orders to answer.</translation>
    </message>
    <message>
        <source>{case_no} 临近期限（黄牌）</source>
        <translation>{case_no} near its deadline (yellow)</translation>
    </message>
    <message>
        <source>{case_no} 被催办</source>
        <translation>{case_no} was urged</translation>
    </message>
    <message>
        <source>{case_no} 收到督办单</source>
        <translation>{case_no} received a supervision order</translation>
    </message>
    <message>
        <source>等 {n} 条</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>{title}：{message}</source>
        <translation>{title}: {message}</translation>
    </message>
</context>
<context>
    <name>AnswerOrderDialog</name>
    <message>
        <source>回复督办</source>
        <translation>Answer order</translation>
    </message>
    <message>
        <source>已采取的措施、目前进展和预计答复时间</source>
        <translation>Measures taken, progress so far and when the reply is expected</translation>
    </message>
    <message>
        <source>回复内容 *</source>
        <translation>Answer *</translation>
    </message>
    <message>
        <source>提交回复 (Ctrl+Enter)</source>
        <translation>Submit answer (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>指派经办人</source>
        <translation>Assign handler</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>经办人 *</source>
        <translation>Handler *</translation>
    </message>
</context>
<context>
    <name>AttachmentPreview</name>
    <message>
        <source>附件：{name}</source>
        <translation>Attachment: {name}</translation>
    </message>
    <message>
        <source>{kind}  {type}  {size}  {who} 添加于 {at}</source>
        <translation>{kind}  {type}  {size}  added by {who} on {at}</translation>
    </message>
    <message>
        <source>此附件已撤回：{reason}</source>
        <translation>This attachment was withdrawn: {reason}</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>本机无法显示此图片格式（{type}），请“另存为…”后查看。</source>
        <translation>This image format ({type}) cannot be shown here; use “Save as…” and view it elsewhere.</translation>
    </message>
</context>
<context>
    <name>AttachmentsView</name>
    <message>
        <source>本件来电人要求保密（请求保密）：附件仅供办理使用；来信扫描件和通话录音不向承办单位提供。</source>
        <translation>The caller asked for confidentiality: attachments are for handling only; scanned letters and call recordings are not given to the handling units.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>可把文件拖到此处添加</source>
        <translation>Files can be dropped here to add them</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>{state}·保密</source>
        <translation>{state} · confidential</translation>
    </message>
    <message>
        <source>{name}
SHA-256：{digest}</source>
        <translation>{name}
SHA-256: {digest}</translation>
    </message>
    <message>
        <source>{who} 于 {at} 撤回：{reason}</source>
        <translation>Withdrawn by {who} on {at}: {reason}</translation>
    </message>
    <message>
        <source>正在添加 {n} 个文件…</source>
        <translation>Adding {n} files…</translation>
    </message>
    <message>
        <source>正在另存为 {path}…</source>
        <translation>Saving as {path}…</translation>
    </message>
    <message>
        <source>已添加 {n} 个附件</source>
        <translation>{n} attachments added</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已取消，未存入：{names}</source>
        <translation>Cancelled; not stored: {names}</translation>
    </message>
    <message>
        <source>附件未添加</source>
        <translation>Attachment not added</translation>
    </message>
    <message>
        <source>用系统程序打开</source>
        <translation>Open with the system program</translation>
    </message>
    <message>
        <source>“{name}”（{type}）将复制到临时文件夹，用本机关联的程序打开。
来自外部的文档可能含有宏或有害内容，请确认来源可信后再打开。是否继续？</source>
        <translation>“{name}” ({type}) will be copied to a temporary folder and opened with this computer&apos;s associated program.
Documents from outside may contain macros or harmful content; open it only if you trust its source. Continue?</translation>
    </message>
    <message>
        <source>已取消打开</source>
        <translation>Opening cancelled</translation>
    </message>
    <message>
        <source>正在打开 {name}…</source>
        <translation>Opening {name}…</translation>
    </message>
    <message>
        <source>附件另存为</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <source>已取消另存为，未留下文件</source>
        <translation>Save as cancelled; no file left behind</translation>
    </message>
    <message>
        <source>已另存为 {path}</source>
        <translation>Saved as {path}</translation>
    </message>
</context>
<context>
    <name>AudioPlayer</name>
    <message>
        <source>本机没有可用的音频输出设备，无法播放；可“另存为…”后用其他设备播放。</source>
        <translation>No audio output device is available on this computer; use “Save as…” and play it on another device.</translation>
    </message>
    <message>
        <source>播放</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
</context>
<context>
    <name>AuditBanner</name>
    <message>
        <source>打开审计日志</source>
        <translation>Open audit log</translation>
    </message>
</context>
<context>
    <name>AuditChain</name>
    <message>
        <source>审计链完整：{rows} 条记录校验通过</source>
        <translation>Audit chain intact: {rows} records verified</translation>
    </message>
    <message>
        <source>审计链被篡改：链头与最后一条记录不符（末尾记录可能被删除）</source>
        <translation>Audit chain tampered with: the chain head does not match the last record (records at the end may have been deleted)</translation>
    </message>
    <message>
        <source>审计链被篡改：第 {row_id} 条记录校验失败（该条或其后记录被修改或删除）</source>
        <translation>Audit chain tampered with: record {row_id} failed verification (it or a later record was changed or deleted)</translation>
    </message>
</context>
<context>
    <name>AuditExport</name>
    <message>
        <source>审计日志-{stamp}.xlsx</source>
        <translation>audit-log-{stamp}.xlsx</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>已导出 {rows} 条审计记录到 {path}</source>
        <translation>Exported {rows} audit records to {path}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>系统（自动任务）</source>
        <translation>System (automatic tasks)</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>导出XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>对象编号</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <source>显示更多</source>
        <translation>Show more</translation>
    </message>
    <message>
        <source>共 {total} 条，已显示 {shown} 条</source>
        <translation>Total: {total}, shown: {shown}</translation>
    </message>
    <message>
        <source>正在校验审计链…</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditWatch</name>
    <message>
        <source>{result}。请核查数据库访问记录，并保留当前数据库和备份作为证据。</source>
        <translation>{result}. Check the database access records, and keep the current database and the backups as evidence.</translation>
    </message>
    <message>
        <source>审计日志的数据库保护未生效：{problems}</source>
        <translation>The database protection of the audit log is not in force: {problems}</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>上次备份失败（{at}）：{reason}</source>
        <translation>The last backup failed ({at}): {reason}</translation>
    </message>
    <message>
        <source>正在自动备份数据库…</source>
        <translation>Backing up the database automatically…</translation>
    </message>
    <message>
        <source>已自动备份数据库（{at}）</source>
        <translation>Database backed up automatically ({at})</translation>
    </message>
    <message>
        <source>自动备份 {name} 未通过校验，当前数据库可能已损坏。</source>
        <translation>The automatic backup {name} failed its checks; the current database may be damaged.</translation>
    </message>
    <message>
        <source>自动备份失败：{reason}</source>
        <translation>Automatic backup failed: {reason}</translation>
    </message>
    <message>
        <source>{text}（已记录，请告知系统管理员）</source>
        <translation>{text} (logged; please tell the system administrator)</translation>
    </message>
    <message>
        <source>数据库备份</source>
        <translation>Database backup</translation>
    </message>
    <message>
        <source>详情见“备份与恢复”页和日志文件。</source>
        <translation>See the Backup and restore page and the log file for details.</translation>
    </message>
</context>
<context>
    <name>BackgroundExport</name>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在导出… {done}/{total}</source>
        <translation>Exporting… {done}/{total}</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>从其他位置恢复…</source>
        <translation>Restore from elsewhere…</translation>
    </message>
    <message>
        <source>打开备份文件夹</source>
        <translation>Open backup folder</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>制作时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>校验</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>办件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>结构版本</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>制作人</source>
        <translation>Made by</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>未指定数据目录，无法备份。</source>
        <translation>No data directory is set, so no backup can be made.</translation>
    </message>
    <message>
        <source>备份位置：{folder}。每种备份保留最近 {keep} 份（在“单位设置”中修改）。</source>
        <translation>Backups are kept in {folder}. The latest {keep} of each kind are kept (change it under Office settings).</translation>
    </message>
    <message>
        <source>办件台运行时每天自动备份一次，上次：{last}。</source>
        <translation>The desk backs up automatically once a day while it runs; last: {last}.</translation>
    </message>
    <message>
        <source>尚无</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>PostgreSQL 数据库应在服务器上定时用 pg_dump 备份（见使用说明）；“立即备份”在本机运行 pg_dump。</source>
        <translation>A PostgreSQL database should be dumped on the server on a schedule with pg_dump (see the manual); “Back up now” runs pg_dump on this PC.</translation>
    </message>
    <message>
        <source>上次备份失败（{at}，{kind}）：{reason}</source>
        <translation>The last backup failed ({at}, {kind}): {reason}</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>未校验（旧版备份）</source>
        <translation>not checked (older backup)</translation>
    </message>
    <message>
        <source>没有校验记录</source>
        <translation>no check on record</translation>
    </message>
    <message>
        <source>正在复制数据库…</source>
        <translation>Copying the database…</translation>
    </message>
    <message>
        <source>正在计算校验和…</source>
        <translation>Computing the checksum…</translation>
    </message>
    <message>
        <source>正在校验备份的完整性…</source>
        <translation>Checking the backup&apos;s integrity…</translation>
    </message>
    <message>
        <source>正在核对审计日志和行数…</source>
        <translation>Checking the audit log and row counts…</translation>
    </message>
    <message>
        <source>已备份：{name}</source>
        <translation>Backed up: {name}</translation>
    </message>
    <message>
        <source>备份未通过校验</source>
        <translation>Backup failed its checks</translation>
    </message>
    <message>
        <source>备份 {name} 已写入，但未通过校验，当前数据库可能已损坏：
{checks}</source>
        <translation>Backup {name} was written but failed its checks; the current database may be damaged:
{checks}</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>请先在列表中选择一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source>选择备份</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>办件台备份 (manifest.json *.db *.dump)</source>
        <translation>Desk backups (manifest.json *.db *.dump)</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>恢复未完成</source>
        <translation>Restore not completed</translation>
    </message>
    <message>
        <source>正在把备份恢复到新文件…</source>
        <translation>Restoring the backup into a new file…</translation>
    </message>
    <message>
        <source>正在校验恢复的数据库…</source>
        <translation>Checking the restored database…</translation>
    </message>
    <message>
        <source>正在替换数据库并重新打开…</source>
        <translation>Swapping the database and opening it again…</translation>
    </message>
    <message>
        <source>数据库结构已从 {old} 升级到 {new}。</source>
        <translation>The database schema was upgraded from {old} to {new}.</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <source>已从备份恢复。{upgraded}
原数据库保留为：{kept}
办件台现在重新启动。</source>
        <translation>Restored from the backup. {upgraded}
The previous database is kept as: {kept}
The desk restarts now.</translation>
    </message>
    <message>
        <source>需要重新启动</source>
        <translation>Restart needed</translation>
    </message>
    <message>
        <source>办件台已断开数据库，现在重新启动。</source>
        <translation>The desk has closed the database and restarts now.</translation>
    </message>
    <message>
        <source>数据库完整性(integrity_check)</source>
        <translation>Database integrity (integrity_check)</translation>
    </message>
    <message>
        <source>审计日志哈希链</source>
        <translation>Audit log hash chain</translation>
    </message>
    <message>
        <source>各表行数与清单一致</source>
        <translation>Row counts match the manifest</translation>
    </message>
    <message>
        <source>文件校验和与清单一致</source>
        <translation>File checksum matches the manifest</translation>
    </message>
    <message>
        <source>转储文件可读(pg_restore)</source>
        <translation>Dump file readable (pg_restore)</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>办理时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>统计事实</source>
        <translation>Statistics facts</translation>
    </message>
    <message>
        <source>协办分配</source>
        <translation>Assisting sections</translation>
    </message>
    <message>
        <source>办件关联</source>
        <translation>Case links</translation>
    </message>
    <message>
        <source>办件编号计数</source>
        <translation>Case number counters</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Callback attempts</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>Extension requests</translation>
    </message>
    <message>
        <source>督办记录</source>
        <translation>Supervision records</translation>
    </message>
    <message>
        <source>退回申请</source>
        <translation>Return requests</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>Handling notes</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Leader instructions</translation>
    </message>
    <message>
        <source>答复稿</source>
        <translation>Reply drafts</translation>
    </message>
    <message>
        <source>答复审核</source>
        <translation>Reply reviews</translation>
    </message>
    <message>
        <source>答复模板</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <source>未提交草稿</source>
        <translation>Unsubmitted drafts</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>审计链头</source>
        <translation>Audit chain head</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>用户角色</source>
        <translation>User roles</translation>
    </message>
    <message>
        <source>组织机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>派单目录</source>
        <translation>Routing catalogue</translation>
    </message>
    <message>
        <source>派单目录协办单位</source>
        <translation>Catalogue assisting units</translation>
    </message>
    <message>
        <source>工作日历</source>
        <translation>Work calendar</translation>
    </message>
    <message>
        <source>日历年份</source>
        <translation>Calendar years</translation>
    </message>
    <message>
        <source>时限设置</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>单位设置</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>统计快照</source>
        <translation>Statistics snapshots</translation>
    </message>
    <message>
        <source>政务公开审核</source>
        <translation>Disclosure review</translation>
    </message>
    <message>
        <source>统计时点</source>
        <translation>Statistics instants</translation>
    </message>
    <message>
        <source>时点在办件</source>
        <translation>Open cases at instants</translation>
    </message>
    <message>
        <source>已存月份</source>
        <translation>Kept months</translation>
    </message>
    <message>
        <source>已存月份数据</source>
        <translation>Kept month cells</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>升级前</source>
        <translation>before upgrade</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BatchPrinter</name>
    <message>
        <source>批量打印</source>
        <translation>Batch print</translation>
    </message>
    <message>
        <source>今天还没有转办的办件。</source>
        <translation>No case has been dispatched today.</translation>
    </message>
    <message>
        <source>请先在列表中选择要打印的办件（可按住 Ctrl 或 Shift 多选）。</source>
        <translation>First select the cases to print in the list (hold Ctrl or Shift to select several).</translation>
    </message>
    <message>
        <source>打印 {count} 件交办单</source>
        <translation>Print {count} dispatch slips</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>剩余/超期</source>
        <translation>Remaining/overdue</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urges</translation>
    </message>
    <message>
        <source>督办单</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>【重要】{title}</source>
        <translation>[Important] {title}</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>全部环节</source>
        <translation>All clocks</translation>
    </message>
    <message>
        <source>全部科室</source>
        <translation>All sections</translation>
    </message>
    <message>
        <source>办件编号 / 来电号码 / 标题关键字</source>
        <translation>Case no. / caller phone / title keyword</translation>
    </message>
    <message>
        <source>督办台：</source>
        <translation>Supervision board:</translation>
    </message>
    <message>
        <source>科室</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>临期</source>
        <translation>Near</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>全部 {n}</source>
        <translation>All {n}</translation>
    </message>
    <message>
        <source>红牌（超期）{n}</source>
        <translation>Red (overdue) {n}</translation>
    </message>
    <message>
        <source>黄牌（临期）{n}</source>
        <translation>Yellow (near deadline) {n}</translation>
    </message>
    <message>
        <source>（未分办）</source>
        <translation>(not dispatched)</translation>
    </message>
    <message>
        <source>共 {n} 件（按期限先后排列）</source>
        <translation>{n} cases (by deadline, earliest first)</translation>
    </message>
    <message>
        <source>正常 {n}</source>
        <translation>Normal {n}</translation>
    </message>
    <message>
        <source>建议催办 {n}</source>
        <translation>Suggested urges {n}</translation>
    </message>
    <message>
        <source>建议红牌督办 {n}</source>
        <translation>Suggested red orders {n}</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>确认本年节假日安排已维护</source>
        <translation>Confirm this year&apos;s holidays are entered</translation>
    </message>
    <message>
        <source>{month} 月</source>
        <translation>Month {month}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:{h}&apos;&gt;&amp;nbsp；节假日&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{m}&apos;&gt;&amp;nbsp；调休上班&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{w}&apos;&gt;&amp;nbsp；周末&amp;nbsp;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:{h}&apos;&gt;&amp;nbsp;Holiday&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{m}&apos;&gt;&amp;nbsp;Make-up workday&amp;nbsp;&lt;/span&gt;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:{w}&apos;&gt;&amp;nbsp;Weekend&amp;nbsp;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>工作日历</source>
        <translation>Work calendar</translation>
    </message>
    <message>
        <source>chinesecalendar 程序包</source>
        <translation>the chinesecalendar package</translation>
    </message>
    <message>
        <source>管理员维护</source>
        <translation>entered by the administrator</translation>
    </message>
    <message>
        <source>工作日 {workdays} 天，工作日放假 {holidays} 天，调休上班 {makeup} 天 · 来源：{source}</source>
        <translation>{workdays} working days, {holidays} weekday holidays, {makeup} make-up workdays · source: {source}</translation>
    </message>
    <message>
        <source>未维护（按周一至周五）</source>
        <translation>not maintained (Monday–Friday)</translation>
    </message>
    <message>
        <source>{year}年节假日安排尚未维护：目前按周一至周五计算工作日。请依据国务院办公厅发布的{year}年节假日安排通知，逐日修改放假和调休上班日期，然后点击“确认本年节假日安排已维护”。</source>
        <translation>The {year} holidays are not entered yet: working days are counted Monday to Friday. Enter the days off and make-up workdays from the State Council&apos;s {year} holiday notice, then click “Confirm this year&apos;s holidays are entered”.</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>确认{year}年的放假和调休上班日期已按通知录入？</source>
        <translation>Confirm that the {year} holidays and make-up workdays have been entered from the notice?</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>答复内容：{text}</source>
        <translation>Reply: {text}</translation>
    </message>
    <message>
        <source>回访时间 *</source>
        <translation>Called at *</translation>
    </message>
    <message>
        <source>回访结果 *</source>
        <translation>Outcome *</translation>
    </message>
    <message>
        <source>满意度 *</source>
        <translation>Satisfaction *</translation>
    </message>
    <message>
        <source>是否解决 *</source>
        <translation>Resolved *</translation>
    </message>
    <message>
        <source>市民的原话或意见要点（不满意时必填）</source>
        <translation>What the citizen said (required when unsatisfied)</translation>
    </message>
    <message>
        <source>市民意见</source>
        <translation>Citizen&apos;s words</translation>
    </message>
    <message>
        <source>如：无人接听、关机、号码错误</source>
        <translation>e.g. no answer, phone off, wrong number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>满意或基本满意时同时办结</source>
        <translation>Close the case at once when satisfied or basically satisfied</translation>
    </message>
    <message>
        <source>保存回访 (Ctrl+Enter)</source>
        <translation>Save callback (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>保存回访，待甄别 (Ctrl+Enter)</source>
        <translation>Save callback, to screen (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>保存回访并办结 (Ctrl+Enter)</source>
        <translation>Save callback and close (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>CallbackPage</name>
    <message>
        <source>待回访</source>
        <translation>To call back</translation>
    </message>
    <message>
        <source>待甄别</source>
        <translation>To screen</translation>
    </message>
    <message>
        <source>待办结</source>
        <translation>To close</translation>
    </message>
    <message>
        <source>回访：</source>
        <translation>Callbacks:</translation>
    </message>
    <message>
        <source>共 {n} 件</source>
        <translation>{n} cases</translation>
    </message>
</context>
<context>
    <name>CallbackTableModel</name>
    <message>
        <source>回访时限</source>
        <translation>Callback due</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>答复时间</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>答复方式</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>回访情况</source>
        <translation>Callback so far</translation>
    </message>
    <message>
        <source>不回访（匿名）</source>
        <translation>No callback (anonymous)</translation>
    </message>
    <message>
        <source>不回访（要求保密）</source>
        <translation>No callback (confidential)</translation>
    </message>
    <message>
        <source>不满意，待甄别</source>
        <translation>Unsatisfied, to screen</translation>
    </message>
    <message>
        <source>拒绝回访</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>{days}天未联系上（共{n}次）</source>
        <translation>Not reached on {days} days ({n} tries)</translation>
    </message>
    <message>
        <source>未回访（重办后）</source>
        <translation>Not yet called (after reopening)</translation>
    </message>
    <message>
        <source>未回访</source>
        <translation>Not yet called</translation>
    </message>
</context>
<context>
    <name>CallerReveal</name>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示来电人的完整姓名、电话和地址；每次查看都记入审计日志</source>
        <translation>Show the caller&apos;s full name, phone and address; every view is recorded in the audit log</translation>
    </message>
    <message>
        <source>查看联系电话</source>
        <translation>View phone number</translation>
    </message>
    <message>
        <source>联系来电人时查看完整电话号码，显示 60 秒后自动隐藏；查看记入审计日志</source>
        <translation>View the full phone number to contact the caller; hidden again after 60 seconds; the view is recorded in the audit log</translation>
    </message>
    <message>
        <source>正在显示完整的来电人信息，此次查看已记入审计日志</source>
        <translation>Showing the caller&apos;s full details; this view has been recorded in the audit log</translation>
    </message>
    <message>
        <source>已显示办件 {case_no} 的来电人信息，此次查看已记入审计日志</source>
        <translation>Caller details of case {case_no} shown; this view has been recorded in the audit log</translation>
    </message>
    <message>
        <source>{seconds} 秒后隐藏</source>
        <translation>Hides in {seconds} s</translation>
    </message>
    <message>
        <source>联系电话将在 {seconds} 秒后隐藏，此次查看已记入审计日志</source>
        <translation>The phone number will be hidden in {seconds} seconds; this view has been recorded in the audit log</translation>
    </message>
</context>
<context>
    <name>CandidateTree</name>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Match</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>未分办</source>
        <translation>Not yet assigned</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>请选择办件</source>
        <translation>Select a case</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>预览并打印交办单、督办通知单或答复函(Ctrl+P)</source>
        <translation>Preview and print the dispatch slip, supervision notice or reply letter (Ctrl+P)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>状态变化</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>个人信息已按权限脱敏显示</source>
        <translation>Personal data is masked according to your permissions</translation>
    </message>
    <message>
        <source>查询码：</source>
        <translation>Query code:</translation>
    </message>
    <message>
        <source>来源渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>受理时间：</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>平台工单号：</source>
        <translation>Platform ticket:</translation>
    </message>
    <message>
        <source>诉求类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>事项分类：</source>
        <translation>Topic:</translation>
    </message>
    <message>
        <source>紧急程度：</source>
        <translation>Urgency:</translation>
    </message>
    <message>
        <source>重要件：</source>
        <translation>Important:</translation>
    </message>
    <message>
        <source>来电人：</source>
        <translation>Caller:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>联系地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>匿名/保密/公开：</source>
        <translation>Anon./confid./public:</translation>
    </message>
    <message>
        <source>办理层级：</source>
        <translation>Handling level:</translation>
    </message>
    <message>
        <source>主办科室：</source>
        <translation>Lead section:</translation>
    </message>
    <message>
        <source>登记人：</source>
        <translation>Registered by:</translation>
    </message>
    <message>
        <source>最后更新：</source>
        <translation>Last updated:</translation>
    </message>
    <message>
        <source>诉求内容：</source>
        <translation>Request:</translation>
    </message>
    <message>
        <source>流转记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>办理与答复</source>
        <translation>Handling &amp;&amp; reply</translation>
    </message>
    <message>
        <source>回访与关联</source>
        <translation>Callback &amp;&amp; links</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>请在左侧列表中选择办件</source>
        <translation>Select a case in the list on the left</translation>
    </message>
    <message>
        <source>{unit}（经办人：{handler}）</source>
        <translation>{unit} ({handler})</translation>
    </message>
    <message>
        <source>附件（{n}）</source>
        <translation>Attachments ({n})</translation>
    </message>
    <message>
        <source>此办件刚刚在另一台电脑上被更改，您已无权继续查看或办理。</source>
        <translation>This case was just changed at another desk; you may no longer view or work on it.</translation>
    </message>
    <message>
        <source>此办件刚刚在另一台电脑上被更改，已重新载入。</source>
        <translation>This case was just changed at another desk and has been reloaded.</translation>
    </message>
    <message>
        <source>{name} 刚刚在另一台电脑上“{action}”了此办件，已重新载入。</source>
        <translation>{name} just changed this case at another desk ({action}); it has been reloaded.</translation>
    </message>
    <message>
        <source>请在上方列表中选择办件</source>
        <translation>Select a case in the list above</translation>
    </message>
    <message>
        <source>（匿名）</source>
        <translation>(anonymous)</translation>
    </message>
    <message>
        <source>空</source>
        <comment>an emptied field in a change list</comment>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>;</source>
        <comment>separator between changes</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>{field}：{old} → {new}</source>
        <translation>{field}: {old} → {new}</translation>
    </message>
    <message>
        <source>{note}（{changes}）</source>
        <translation>{note} ({changes})</translation>
    </message>
</context>
<context>
    <name>CaseExport</name>
    <message>
        <source>导出办件列表</source>
        <translation>Export case list</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>12345平台转办件必填；其他可空</source>
        <translation>Required for cases from the 12345 platform; optional otherwise</translation>
    </message>
    <message>
        <source>手机 13812345678 或固话 0571-87654321</source>
        <translation>Mobile 13812345678 or landline 0571-87654321</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>匿名(&amp;N)</source>
        <translation>&amp;Anonymous</translation>
    </message>
    <message>
        <source>请求保密(&amp;B)</source>
        <translation>Confidential (&amp;B)</translation>
    </message>
    <message>
        <source>同意公开(&amp;G)</source>
        <translation>Agrees to publication (&amp;G)</translation>
    </message>
    <message>
        <source>重要件(&amp;Z)</source>
        <translation>Important (&amp;Z)</translation>
    </message>
    <message>
        <source>一句话概括诉求</source>
        <translation>The request in one sentence</translation>
    </message>
    <message>
        <source>来电/来信的具体诉求、时间、地点、涉及单位等</source>
        <translation>What the caller or writer asks for: details, time, place, organisations involved</translation>
    </message>
    <message>
        <source>来源渠道 *</source>
        <translation>Channel *</translation>
    </message>
    <message>
        <source>受理时间 *</source>
        <translation>Received at *</translation>
    </message>
    <message>
        <source>平台工单号</source>
        <translation>Platform ticket</translation>
    </message>
    <message>
        <source>来电人/来信人 *</source>
        <translation>Caller/writer *</translation>
    </message>
    <message>
        <source>联系电话 *</source>
        <translation>Phone *</translation>
    </message>
    <message>
        <source>联系地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>诉求类型 *</source>
        <translation>Type *</translation>
    </message>
    <message>
        <source>事项分类 *</source>
        <translation>Topic *</translation>
    </message>
    <message>
        <source>紧急程度 *</source>
        <translation>Urgency *</translation>
    </message>
    <message>
        <source>标题 *</source>
        <translation>Title *</translation>
    </message>
    <message>
        <source>诉求内容 *</source>
        <translation>Request *</translation>
    </message>
    <message>
        <source>、</source>
        <comment>separator between field names</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>有 {count} 处需要修改，未保存：{fields}</source>
        <translation>{count} fields to correct; not saved: {fields}</translation>
    </message>
    <message>
        <source>。</source>
        <comment>after the field names</comment>
        <translation>.</translation>
    </message>
    <message>
        <source>;</source>
        <comment>separator between messages</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>{count}/{limit} 字</source>
        <translation>{count}/{limit} characters</translation>
    </message>
    <message>
        <source>匿名来电可不填</source>
        <translation>May be left empty for anonymous callers</translation>
    </message>
</context>
<context>
    <name>CaseLayouts</name>
    <message>
        <source>详情在列表右侧</source>
        <translation>Detail beside the list</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>全部未办结</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部紧急程度</source>
        <translation>All urgencies</translation>
    </message>
    <message>
        <source>全部事项分类</source>
        <translation>All topics</translation>
    </message>
    <message>
        <source>全部主办科室</source>
        <translation>All lead sections</translation>
    </message>
    <message>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>高级查询…</source>
        <translation>Advanced search…</translation>
    </message>
    <message>
        <source>停止检索</source>
        <translation>Stop searching</translation>
    </message>
    <message>
        <source>取消统计明细</source>
        <translation>Clear statistics filter</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>共 {total} 件</source>
        <translation>Total: {total}</translation>
    </message>
    <message>
        <source>检索词太短，每个词至少 2 个字</source>
        <translation>The search term is too short; each word needs at least 2 characters</translation>
    </message>
    <message>
        <source>有办件包含“{text}”，但被其他筛选条件排除，可点“重置”</source>
        <translation>Some cases contain “{text}” but other filters exclude them; click “Reset”</translation>
    </message>
    <message>
        <source>没有找到包含“{text}”的办件</source>
        <translation>No case contains “{text}”</translation>
    </message>
    <message>
        <source>正在查找原因…</source>
        <translation>Finding out why…</translation>
    </message>
    <message>
        <source>至</source>
        <comment>date range: from … to …</comment>
        <translation>to</translation>
    </message>
    <message>
        <source>办件编号 / 来电号码 / 任意关键字：标题、内容、意见、答复…（Ctrl+F，扫码枪可直接扫交办单）</source>
        <translation>Case no. / phone / any keyword: title, content, opinions, replies… (Ctrl+F; a barcode scanner can scan the case slip)</translation>
    </message>
    <message>
        <source>统计明细：{caption}</source>
        <translation>Statistics detail: {caption}</translation>
    </message>
    <message>
        <source>已停止检索，已找到 {loaded} 件</source>
        <translation>Search stopped; {loaded} found so far</translation>
    </message>
    <message>
        <source>正在逐件检索（两个字的词）… 已找到 {loaded} 件</source>
        <translation>Searching case by case (two-character word)… {loaded} found so far</translation>
    </message>
    <message>
        <source>正在统计… 已载入 {loaded} 件</source>
        <translation>Counting… {loaded} loaded</translation>
    </message>
    <message>
        <source>共 0 件：{why}</source>
        <translation>0 cases: {why}</translation>
    </message>
    <message>
        <source>共 {total} 件，已载入 {loaded} 件（向下滚动自动载入）</source>
        <translation>Total: {total}, loaded: {loaded} (scroll down to load more)</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>事项分类</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>匹配内容</source>
        <translation>Match</translation>
    </message>
    <message>
        <source>{field}：</source>
        <translation>{field}: </translation>
    </message>
    <message>
        <source>【重要】{title}</source>
        <translation>[Important] {title}</translation>
    </message>
</context>
<context>
    <name>CaseWorkView</name>
    <message>
        <source>主办：{unit}</source>
        <translation>Lead: {unit}</translation>
    </message>
    <message>
        <source>承办直属单位：{unit}</source>
        <translation>Delegated to: {unit}</translation>
    </message>
    <message>
        <source>经办人：{name}</source>
        <translation>Handler: {name}</translation>
    </message>
    <message>
        <source>拟办意见：{text}</source>
        <translation>Office&apos;s routing opinion: {text}</translation>
    </message>
    <message>
        <source>申请退回 {returns} 次，改派 {reroutes} 次</source>
        <translation>Return requests: {returns}; reroutes: {reroutes}</translation>
    </message>
    <message>
        <source>分办</source>
        <translation>Routing</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Leader&apos;s instructions</translation>
    </message>
    <message>
        <source>尚未提交</source>
        <translation>not yet submitted</translation>
    </message>
    <message>
        <source>{unit}：{opinion}</source>
        <translation>{unit}: {opinion}</translation>
    </message>
    <message>
        <source>协办意见</source>
        <translation>Assisting opinions</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>Handling notes</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>sent back</translation>
    </message>
    <message>
        <source>第{n}稿（{outcome}）</source>
        <translation>Draft {n} ({outcome})</translation>
    </message>
    <message>
        <source>第{n}稿</source>
        <translation>Draft {n}</translation>
    </message>
    <message>
        <source>局领导</source>
        <translation>Bureau leader</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Section head</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>{step}{verdict}</source>
        <translation>{step} {verdict}</translation>
    </message>
    <message>
        <source>：{comment}</source>
        <translation>: {comment}</translation>
    </message>
    <message>
        <source>答复稿与审核</source>
        <translation>Reply drafts and reviews</translation>
    </message>
    <message>
        <source>{method}答复 {to}</source>
        <translation>Replied to {to} ({method})</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>已同意</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>awaiting decision</translation>
    </message>
    <message>
        <source>{unit} {reason}。{basis}</source>
        <translation>{unit}: {reason}. {basis}</translation>
    </message>
    <message>
        <source>退回申请</source>
        <translation>Return requests</translation>
    </message>
    <message>
        <source>尚未分办</source>
        <translation>Not yet routed</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>来电人拒绝回访，办结后不计入回访率。</source>
        <translation>The caller refused the callback; closed, it does not count in the callback rate.</translation>
    </message>
    <message>
        <source>回访结果：{result}（{who}）</source>
        <translation>Callback: {result} ({who})</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>办结说明</source>
        <translation>Closing note</translation>
    </message>
</context>
<context>
    <name>CloseOrderDialog</name>
    <message>
        <source>督办办结</source>
        <translation>Close order</translation>
    </message>
    <message>
        <source>承办单位已回复，督办办结。</source>
        <translation>The section has answered; order closed.</translation>
    </message>
    <message>
        <source>办结意见 *</source>
        <translation>Closing note *</translation>
    </message>
    <message>
        <source>办结督办单</source>
        <translation>Close the order</translation>
    </message>
</context>
<context>
    <name>ClosingView</name>
    <message>
        <source>回访状态：{status}</source>
        <translation>Callback: {status}</translation>
    </message>
    <message>
        <source>（{days}/{max} 天未联系上）</source>
        <translation> (not reached on {days}/{max} days)</translation>
    </message>
    <message>
        <source>满意度：{value}</source>
        <translation>Satisfaction: {value}</translation>
    </message>
    <message>
        <source>甄别：{value}</source>
        <translation>Screening: {value}</translation>
    </message>
    <message>
        <source>重办 {n} 次，最近一次 {at}</source>
        <translation>Reopened {n} times, last {at}</translation>
    </message>
    <message>
        <source>办结：{at}（{reason}）</source>
        <translation>Closed: {at} ({reason})</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>第{round}轮第{n}次</source>
        <translation>Round {round}, try {n}</translation>
    </message>
    <message>
        <source>市民意见：{words}</source>
        <translation>Citizen: {words}</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Callback attempts</translation>
    </message>
    <message>
        <source>本件已并入</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <source>并入本件的重复件</source>
        <translation>Duplicate merged into this case</translation>
    </message>
    <message>
        <source>关联办件</source>
        <translation>Linked cases</translation>
    </message>
    <message>
        <source>来电历史：{phone} 近一年另有 {n} 件</source>
        <translation>Caller history: {n} more cases from {phone} in the last year</translation>
    </message>
    <message>
        <source>尚未答复，暂无回访</source>
        <translation>Not replied yet: no callback</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>数据库设置</source>
        <translation>Database settings</translation>
    </message>
    <message>
        <source>本机数据库(SQLite):{path}</source>
        <translation>Local database (SQLite): {path}</translation>
    </message>
    <message>
        <source>PostgreSQL 服务器（多台电脑共用）</source>
        <translation>PostgreSQL server (shared by several computers)</translation>
    </message>
    <message>
        <source>保存在系统凭据管理器中，不写入配置文件</source>
        <translation>Kept in the system credential store, never in the settings file</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>SQLite 文件不能放在网络共享目录；多台电脑共用请使用 PostgreSQL。更改后需重新启动程序。</source>
        <translation>The SQLite file must not be on a network share; when several computers share the desk, use PostgreSQL. Restart the program after a change.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写：{fields}</source>
        <translation>Please fill in: {fields}</translation>
    </message>
    <message>
        <source>连接成功</source>
        <translation>Connection succeeded</translation>
    </message>
    <message>
        <source>已保存。请重新启动程序以使用新的数据库。</source>
        <translation>Saved. Restart the program to use the new database.</translation>
    </message>
</context>
<context>
    <name>CountedText</name>
    <message>
        <source>{count}/{limit} 字</source>
        <translation>{count}/{limit} characters</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <source>17:48 或 12-02 17:48</source>
        <translation>17:48 or 12-02 17:48</translation>
    </message>
    <message>
        <source>可只输时间（今天），或“月-日 时：分”，或完整日期时间</source>
        <translation>Type only a time (today), or “month-day hour:minute”, or a full date and time</translation>
    </message>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>选择日期(Alt+↓)</source>
        <translation>Choose a date (Alt+↓)</translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <source>修改日历：{day}</source>
        <translation>Change calendar: {day}</translation>
    </message>
    <message>
        <source>工作日（上班）</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>如：国庆节、调休上班（国庆节）</source>
        <translation>e.g. 国庆节, 调休上班(国庆节)</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>DeadlineNotices</name>
    <message>
        <source>{years}年节假日安排尚未维护：涉及该年的期限暂按周一至周五计算。请系统管理员在“工作日历”中按国务院办公厅通知录入。</source>
        <translation>Holidays of {years} are not yet entered: deadlines in that year count Monday to Friday for now. The system administrator should enter them under “Work calendar” from the State Council General Office notice.</translation>
    </message>
    <message>
        <source>超期 {n}</source>
        <translation>Overdue {n}</translation>
    </message>
    <message>
        <source>临期 {n}</source>
        <translation>Near {n}</translation>
    </message>
    <message>
        <source>催办 {n}</source>
        <translation>Urged {n}</translation>
    </message>
    <message>
        <source>督办 {n}</source>
        <translation>Orders {n}</translation>
    </message>
    <message>
        <source>红牌（超期）{n} 件。</source>
        <translation>Red (overdue): {n} cases.</translation>
    </message>
</context>
<context>
    <name>DisclosureDialog</name>
    <message>
        <source>正在读取本期来信…</source>
        <translation>Reading this period&apos;s letters…</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>替换</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>显示公开后的文本</source>
        <translation>Show the published text</translation>
    </message>
    <message>
        <source>保留原文</source>
        <translation>Keep original</translation>
    </message>
    <message>
        <source>隐去所选文字</source>
        <translation>Hide selected text</translation>
    </message>
    <message>
        <source>所选文字在本件各处按所选类别隐去</source>
        <translation>The selected text is hidden everywhere in this case as the chosen kind</translation>
    </message>
    <message>
        <source>确认无误</source>
        <translation>Checked, correct</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>撤销所选的审核决定</source>
        <translation>Undo the selected review decision</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>本件的审核决定：</source>
        <translation>Review decisions for this case:</translation>
    </message>
    <message>
        <source>读取失败</source>
        <translation>Could not read</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>未审核</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <source>{no}  {category}  {topic}  答复单位：{unit}  答复日期：{replied}  替换 {n} 处（保留 {kept}、添加 {added}）</source>
        <translation>{no}  {category}  {topic}  Replied by: {unit}  Reply date: {replied}  {n} replacements ({kept} kept, {added} added)</translation>
    </message>
    <message>
        <source>保留原文“{text}”</source>
        <translation>Keep original “{text}”</translation>
    </message>
    <message>
        <source>恢复（撤销“{what}”）</source>
        <translation>Restore (undo “{what}”)</translation>
    </message>
    <message>
        <source>已导出 {rows} 件到 {path}</source>
        <translation>Exported {rows} cases to {path}</translation>
    </message>
</context>
<context>
    <name>DisclosureExport</name>
    <message>
        <source>导出政务公开清单</source>
        <translation>Export disclosure list</translation>
    </message>
    <message>
        <source>还有 {n} 件来信未审核，其中的个人信息只经自动检测。仍要导出吗？</source>
        <translation>{n} letters have not been reviewed; their personal data was only detected automatically. Export anyway?</translation>
    </message>
    <message>
        <source>政务公开-{period}.xlsx</source>
        <translation>Disclosure-{period}.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>DisclosureReview</name>
    <message>
        <source>政务公开清单预览与审核 — {period}</source>
        <translation>Disclosure list preview and review — {period}</translation>
    </message>
    <message>
        <source>光标所在的替换不隐去（如公职人员姓名、并非住址的路名）</source>
        <translation>Do not hide the replacement at the cursor (e.g. a public official&apos;s name, a street name that is not an address)</translation>
    </message>
    <message>
        <source>&lt;u&gt;下划线&lt;/u&gt;：审核人添加 &lt;s&gt;删除线&lt;/s&gt;：保留原文</source>
        <translation>&lt;u&gt;Underlined&lt;/u&gt;: added by the reviewer &lt;s&gt;Struck through&lt;/s&gt;: original kept</translation>
    </message>
    <message>
        <source>{period}：共 {n} 件可公开来信，已审核 {done} 件，未审核 {left} 件</source>
        <translation>{period}: {n} letters may be published, {done} reviewed, {left} not reviewed</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Licence plate</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>银行卡号</source>
        <translation>Bank card number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>来信内容</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>{kind}：已保留原文（检测为“{mark}”）</source>
        <translation>{kind}: original kept (detected as “{mark}”)</translation>
    </message>
    <message>
        <source>{kind}（{who}）：公开时写作“{mark}”</source>
        <translation>{kind} ({who}): published as “{mark}”</translation>
    </message>
</context>
<context>
    <name>DoneStep</name>
    <message>
        <source>第五步：完成</source>
        <translation>Step 5: Done</translation>
    </message>
    <message>
        <source>设置已保存。以后可在“单位设置”“组织机构”“派单目录”“用户管理”中修改。业务账号的初始密码请由安全管理员在“用户管理”中发放。</source>
        <translation>The settings are saved. They can be changed later under “Office settings”, “Organisation”, “Routing catalogue” and “User management”. Business accounts get their initial passwords from the security administrator in “User management”.</translation>
    </message>
    <message>
        <source>以下临时密码只显示这一次，请当面交给本人，首次登录须修改：</source>
        <translation>The temporary passwords below are shown only this once; hand them to each person in person. They must be changed at the first login:</translation>
    </message>
    <message>
        <source>{username}：{password}</source>
        <translation>{username}: {password}</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>恢复上次未提交的草稿（{month}月{day}日 {time}）？</source>
        <translation>Restore the unsubmitted draft from last time ({month}/{day} {time})?</translation>
    </message>
</context>
<context>
    <name>DuplicateDialogs</name>
    <message>
        <source>相似办件</source>
        <translation>Similar cases</translation>
    </message>
    <message>
        <source>选中上面的办件，或输入办件编号，如 RX20261120-0001</source>
        <translation>Select a case above or type its number, e.g. RX20261120-0001</translation>
    </message>
    <message>
        <source>办件编号 *</source>
        <translation>Case no. *</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请选择或输入要关联的办件编号</source>
        <translation>Select or type the number of the other case</translation>
    </message>
    <message>
        <source>未找到办件 {case_no}</source>
        <translation>No case {case_no}</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>{pct}% 同号码</source>
        <translation>{pct}% same phone</translation>
    </message>
    <message>
        <source>疑似重复</source>
        <translation>Likely duplicate</translation>
    </message>
    <message>
        <source>同一号码</source>
        <translation>Same phone</translation>
    </message>
    <message>
        <source>相似度 {pct}%</source>
        <translation>Similarity {pct}%</translation>
    </message>
    <message>
        <source> · </source>
        <comment>separator</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>{case_no} · {received} · {channel} · {status} · 主办：{unit}</source>
        <translation>{case_no} · {received} · {channel} · {status} · Lead: {unit}</translation>
    </message>
    <message>
        <source>疑似重复件</source>
        <translation>Likely duplicates</translation>
    </message>
    <message>
        <source>输入联系电话、标题或内容后自动查找近期相似办件</source>
        <translation>Type the phone, title or content to look for recent similar cases</translation>
    </message>
    <message>
        <source>并入所选件</source>
        <translation>Merge into selected</translation>
    </message>
    <message>
        <source>登记本件并并入所选办件（并单），本件不再单独办理</source>
        <translation>Register this case and merge it into the selected case; it is not handled on its own</translation>
    </message>
    <message>
        <source>关联所选件</source>
        <translation>Link to selected</translation>
    </message>
    <message>
        <source>登记本件并与所选办件关联为相关件</source>
        <translation>Register this case and link it to the selected case as related</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Looking…</translation>
    </message>
    <message>
        <source>近{days}天内有 {n} 件疑似重复，请核对后并单或关联</source>
        <translation>{n} likely duplicates in the last {days} days: check, then merge or link</translation>
    </message>
    <message>
        <source>未发现疑似重复件；下列为同一号码近{days}天的来电</source>
        <translation>No likely duplicate; below: this phone&apos;s cases of the last {days} days</translation>
    </message>
    <message>
        <source>近{days}天内未发现相似办件（比对 {n} 件）</source>
        <translation>No similar case in the last {days} days ({n} compared)</translation>
    </message>
    <message>
        <source>该号码近一年来电 {n} 次</source>
        <translation>This phone called {n} times in the last year</translation>
    </message>
    <message>
        <source>查找重复件失败</source>
        <translation>Looking for duplicates failed</translation>
    </message>
</context>
<context>
    <name>EditCaseDialog</name>
    <message>
        <source>修改登记信息 — {case_no}</source>
        <translation>Edit registration — {case_no}</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EditUserDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>修改用户信息 — {username}</source>
        <translation>Edit user — {username}</translation>
    </message>
    <message>
        <source>（不属于任何部门）</source>
        <translation>(no department)</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>所属部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>改变所属部门后，该用户须重新登录。管理员账号的修改须由另一名管理员确认后生效。角色请用“变更角色…”。</source>
        <translation>After a change of department the user must sign in again. Changes to an administrator account take effect once another administrator confirms them. Use “Change roles…” for roles.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>绑定动态验证码 — 双因素认证</source>
        <translation>Set up one-time codes — two-factor authentication</translation>
    </message>
    <message>
        <source>动态验证码已绑定。以后登录时，输入密码后还需输入验证器上的验证码。</source>
        <translation>One-time codes are set up. From now on, when you log in, enter the code shown in the authenticator app after your password.</translation>
    </message>
    <message>
        <source>请在手机上打开验证器应用（如 Microsoft Authenticator、Google Authenticator 或其他支持 TOTP 的应用），扫描下面的二维码。</source>
        <translation>Open an authenticator app on your phone (e.g. Microsoft Authenticator, Google Authenticator or another app that supports TOTP) and scan the QR code below.</translation>
    </message>
    <message>
        <source>单位要求管理员登录时使用双因素认证，请先绑定动态验证码。</source>
        <translation>Your office requires administrators to log in with two-factor authentication; set up one-time codes first. </translation>
    </message>
    <message>
        <source>6位数字</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>无法扫描时手动输入密钥</source>
        <translation>Key to type in if you cannot scan</translation>
    </message>
    <message>
        <source>验证器显示的验证码</source>
        <translation>Code shown in the app</translation>
    </message>
    <message>
        <source>确认绑定</source>
        <translation>Confirm setup</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出办件列表</source>
        <translation>Export case list</translation>
    </message>
    <message>
        <source>Excel 工作簿 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>CSV 文本 (.csv,UTF-8)</source>
        <translation>CSV text (.csv, UTF-8)</translation>
    </message>
    <message>
        <source>包含完整的来电人姓名和电话（将记入审计日志）</source>
        <translation>Include full caller names and phone numbers (recorded in the audit log)</translation>
    </message>
    <message>
        <source>办件列表-{stamp}.xlsx</source>
        <translation>cases-{stamp}.xlsx</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>共 {total} 件</source>
        <translation>: {total} cases</translation>
    </message>
    <message>
        <source>导出当前列表的全部办件（按当前筛选条件）{count}</source>
        <translation>Export every case of the current list (current filter){count}</translation>
    </message>
    <message>
        <source>来电人信息将脱敏导出。</source>
        <translation>Caller details will be masked.</translation>
    </message>
</context>
<context>
    <name>ExtensionDecisionDialog</name>
    <message>
        <source>同意延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <source>审批意见（不同意时必填）</source>
        <translation>Decision note (required when denying)</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <source>不同意延期</source>
        <translation>Deny extension</translation>
    </message>
</context>
<context>
    <name>FontPicker</name>
    <message>
        <source>自动选择（推荐）</source>
        <translation>Automatic (recommended)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>选择中文字体文件</source>
        <translation>Choose a Chinese font file</translation>
    </message>
    <message>
        <source>TrueType 字体 (*.ttf *.ttc)</source>
        <translation>TrueType fonts (*.ttf *.ttc)</translation>
    </message>
    <message>
        <source>本机没有可嵌入的中文字体:PDF 将使用内置字体，其他电脑上可能显示为方框。</source>
        <translation>No embeddable Chinese font on this computer: PDFs use a built-in font that other computers may show as boxes.</translation>
    </message>
    <message>
        <source>（所选字体在本机不可用）</source>
        <translation> (the chosen font is not available on this computer)</translation>
    </message>
    <message>
        <source>本机打印将使用：{family}{note}</source>
        <translation>This computer prints with: {family}{note}</translation>
    </message>
</context>
<context>
    <name>GuardedDialog</name>
    <message>
        <source>放弃输入</source>
        <translation>Discard input</translation>
    </message>
    <message>
        <source>是否放弃已输入的内容？</source>
        <translation>Discard what you have typed?</translation>
    </message>
    <message>
        <source>已保存为草稿，下次打开本窗口时可以恢复。</source>
        <translation>Kept as a draft; it can be restored the next time this window is opened.</translation>
    </message>
    <message>
        <source>关闭后，本窗口中输入的文字不会保存。</source>
        <translation>If you close it, the text typed in this window is not saved.</translation>
    </message>
    <message>
        <source>保留草稿</source>
        <translation>Keep draft</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>使用手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入平台工单</source>
        <translation>Import platform work orders</translation>
    </message>
    <message>
        <source>请选择从12345平台导出的工单文件（.xlsx 或 .csv）</source>
        <translation>Choose the work-order file exported from the 12345 platform (.xlsx or .csv)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>来源（列映射）：</source>
        <translation>Source (column mapping):</translation>
    </message>
    <message>
        <source>选择文件后，按内置的常见列名（及已保存的映射）对应各列。</source>
        <translation>Once a file is chosen, its columns are matched by the common built-in column names (and any saved mapping).</translation>
    </message>
    <message>
        <source>文件中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>对应办件台字段</source>
        <translation>Desk field</translation>
    </message>
    <message>
        <source>识别</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <source>按此映射重新读取</source>
        <translation>Read again with this mapping</translation>
    </message>
    <message>
        <source>保存列映射</source>
        <translation>Save column mapping</translation>
    </message>
    <message>
        <source>下一步：预览</source>
        <translation>Next: preview</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择平台工单文件</source>
        <translation>Choose the platform work-order file</translation>
    </message>
    <message>
        <source>平台导出文件 (*.xlsx *.xlsm *.csv);;Excel 工作簿 (*.xlsx *.xlsm);;CSV 文本 (*.csv)</source>
        <translation>Platform export files (*.xlsx *.xlsm *.csv);;Excel workbooks (*.xlsx *.xlsm);;CSV text (*.csv)</translation>
    </message>
    <message>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
    <message>
        <source>无法读取该文件。</source>
        <translation>The file cannot be read.</translation>
    </message>
    <message>
        <source>共 {rows} 行。</source>
        <translation>{rows} rows.</translation>
    </message>
    <message>
        <source>未识别的列 {n} 个（标为“未识别”，可在“对应办件台字段”中选择，或保持“不导入”）。</source>
        <translation>{n} columns not recognised (marked “not recognised”; choose a field under “Desk field” or leave “do not import”).</translation>
    </message>
    <message>
        <source>缺少必需的列：{cols}，请在下表中指定后重新读取。</source>
        <translation>Required columns missing: {cols}; assign them in the table below and read again.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>已识别</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <source>未识别</source>
        <translation>Not recognised</translation>
    </message>
    <message>
        <source>列映射已保存到来源“{source}”。</source>
        <translation>Column mapping saved for source “{source}”.</translation>
    </message>
    <message>
        <source>更新全部平台已变更的工单</source>
        <translation>Update every work order changed on the platform</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <source>预览（尚未写入）：新增 {new} 件；已导入且无变化 {same} 件；平台已变更 {changed} 件（勾选的才会更新）；不能导入 {bad} 行。</source>
        <translation>Preview (nothing written yet): {new} new; {same} already imported and unchanged; {changed} changed on the platform (only ticked ones are updated); {bad} rows cannot be imported.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <source>正在导入 {n} 件…</source>
        <translation>Importing {n} cases…</translation>
    </message>
    <message>
        <source>正在取消：当前这一批写完后停止…</source>
        <translation>Cancelling: stopping after the current batch…</translation>
    </message>
    <message>
        <source>导入中断。</source>
        <translation>Import interrupted.</translation>
    </message>
    <message>
        <source>新增 {added} 件，更新 {updated} 件；已导入且无变化 {same} 件；平台已变更但未勾选 {skipped} 件；不能导入 {refused} 行。</source>
        <translation>{added} added, {updated} updated; {same} already imported and unchanged; {skipped} changed on the platform but not ticked; {refused} rows cannot be imported.</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>
已取消：还有 {left} 件未导入；已导入的保留，再次导入同一文件即可继续。</source>
        <translation>
Cancelled: {left} cases not yet imported; those imported stay; import the same file again to continue.</translation>
    </message>
    <message>
        <source>导入完成。</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <source>第 {line} 行 {ref} {field}：{problem}</source>
        <translation>Row {line} {ref} {field}: {problem}</translation>
    </message>
    <message>
        <source>……其余见错误报告。</source>
        <translation>…the rest are in the error report.</translation>
    </message>
    <message>
        <source>{stem}-导入错误报告.xlsx</source>
        <translation>{stem}-import-errors.xlsx</translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation>Save error report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法写入文件：{reason}</source>
        <translation>Cannot write the file: {reason}</translation>
    </message>
    <message>
        <source>错误报告已保存：{name}（{n} 条）</source>
        <translation>Error report saved: {name} ({n} entries)</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>待转办</source>
        <translation>To route</translation>
    </message>
    <message>
        <source>退回待审</source>
        <translation>Returns to review</translation>
    </message>
    <message>
        <source>待签收</source>
        <translation>To sign</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>To approve</translation>
    </message>
    <message>
        <source>被退回</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <source>待协办</source>
        <translation>To assist</translation>
    </message>
    <message>
        <source>待登记答复</source>
        <translation>Reply to record</translation>
    </message>
    <message>
        <source>催办督办</source>
        <translation>Urged/ordered</translation>
    </message>
    <message>
        <source>延期待批</source>
        <translation>Extensions to decide</translation>
    </message>
    <message>
        <source>我的待办：</source>
        <translation>My tasks:</translation>
    </message>
</context>
<context>
    <name>InstructionDialog</name>
    <message>
        <source>领导批示</source>
        <translation>Leader&apos;s instruction</translation>
    </message>
    <message>
        <source>批示后办件标记为重要件，答复须经局领导审核。</source>
        <translation>After an instruction the case is marked important; its reply needs a bureau leader&apos;s approval.</translation>
    </message>
    <message>
        <source>如：请产业发展科高度重视，三日内反馈</source>
        <translation>e.g. Industrial Development Section, please give this priority and report within three days</translation>
    </message>
    <message>
        <source>批示内容 *</source>
        <translation>Instruction *</translation>
    </message>
    <message>
        <source>批示 (Ctrl+Enter)</source>
        <translation>Instruct (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>LetterTemplateRow</name>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>载入…</source>
        <translation>Load…</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore default</translation>
    </message>
    <message>
        <source>把当前模板存为 .docx，在 Word 中编辑后再载入</source>
        <translation>Save the current template as .docx, edit it in Word, then load it back</translation>
    </message>
    <message>
        <source>模板须含 {{文号}}、{{标题}}、{{正文}}、{{落款}}、{{日期}}；可选 {{称呼}}、{{联系人}}、{{联系电话}}、{{办件编号}}、{{单位名称}}</source>
        <translation>The template must contain {{文号}}, {{标题}}, {{正文}}, {{落款}} and {{日期}}; optional: {{称呼}}, {{联系人}}, {{联系电话}}, {{办件编号}}, {{单位名称}}</translation>
    </message>
    <message>
        <source>使用本单位模板（载入于 {when}，{who}）</source>
        <translation>Using the office&apos;s own template (loaded on {when} by {who})</translation>
    </message>
    <message>
        <source>使用内置模板</source>
        <translation>Using the built-in template</translation>
    </message>
    <message>
        <source>导出答复函模板</source>
        <translation>Export the reply-letter template</translation>
    </message>
    <message>
        <source>答复函模板.docx</source>
        <translation>Reply letter template.docx</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>模板已导出：{path}</source>
        <translation>Template exported: {path}</translation>
    </message>
    <message>
        <source>载入答复函模板</source>
        <translation>Load a reply-letter template</translation>
    </message>
</context>
<context>
    <name>LetterText</name>
    <message>
        <source>【{field}】</source>
        <translation>[{field}]</translation>
    </message>
    <message>
        <source>审核人添加</source>
        <translation>added by the reviewer</translation>
    </message>
    <message>
        <source>自动检测</source>
        <translation>detected automatically</translation>
    </message>
</context>
<context>
    <name>LimitDialog</name>
    <message>
        <source>修改时限规则</source>
        <translation>Change time-limit rule</translation>
    </message>
    <message>
        <source>新增时限规则</source>
        <translation>New time-limit rule</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>时限类型</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>同一办件适用条件最具体的一条规则；“不限”匹配任意值。</source>
        <translation>A case gets the most specific matching rule; “Any” matches every value.</translation>
    </message>
</context>
<context>
    <name>LimitsPage</name>
    <message>
        <source>时限类型</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>按现行规则重算未办结办件的期限…</source>
        <translation>Recompute open cases&apos; deadlines under the current rules…</translation>
    </message>
    <message>
        <source>自受理次日起算</source>
        <translation>from the day after receipt</translation>
    </message>
    <message>
        <source>自转办次日起算</source>
        <translation>from the day after dispatch</translation>
    </message>
    <message>
        <source>自签收次日起算</source>
        <translation>from the day after signing</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>时限设置</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>答复时限：</source>
        <translation>Reply clock:</translation>
    </message>
    <message>
        <source>单次延期最多：</source>
        <translation>Longest extension:</translation>
    </message>
    <message>
        <source>工作日时限自受理（或转办、签收）次日起算，至第 N 个工作日结束；小时、分钟时限连续计算。修改规则只影响此后开始计时的办件；已在办的办件须点击“重算”才按新规则调整（已批准的延期保留）。</source>
        <translation>Working-day limits count from the day after receipt (or dispatch or signing) and end at the close of the N-th working day; hour and minute limits run on the clock. A changed rule applies to clocks started afterwards; open cases change only when you click “Recompute” (approved extensions are kept).</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>重算期限</source>
        <translation>Recompute deadlines</translation>
    </message>
    <message>
        <source>按现行时限规则重新计算 {n} 件未办结办件的签收、答复和回访期限？已批准的延期保留，每件调整都记入流转记录。</source>
        <translation>Recompute the sign, reply and callback deadlines of {n} open cases under the current rules? Approved extensions are kept; every change goes into the case&apos;s timeline.</translation>
    </message>
    <message>
        <source>正在重算期限…</source>
        <translation>Recomputing deadlines…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已完成：{n} 件办件的期限按新规则调整。</source>
        <translation>Done: the deadlines of {n} cases were adjusted to the new rules.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>关联</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>关联不改变两件的办理状态；已办结后再次反映的，请选“重复件”。</source>
        <translation>Linking changes neither case&apos;s state; for a repeat of a closed case choose &quot;Duplicate&quot;.</translation>
    </message>
    <message>
        <source>关联类型 *</source>
        <translation>Link type *</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>办件台已锁定</source>
        <translation>The desk is locked</translation>
    </message>
    <message>
        <source>当前用户：{user}  账号：{username}</source>
        <translation>User: {user}  Account: {username}</translation>
    </message>
    <message>
        <source>请输入本人的密码解锁，打开的窗口和未保存的内容都保留。其他人使用请点“切换用户”。</source>
        <translation>Enter your own password to unlock; open windows and unsaved work are kept. Anyone else, please click “Switch user”.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 市长热线办件台</source>
        <translation>Log in — Mayor&apos;s Hotline Case Desk</translation>
    </message>
    <message>
        <source>市长热线 · 市长信箱 办件台</source>
        <translation>Mayor&apos;s Hotline · Mayor&apos;s Mailbox Case Desk</translation>
    </message>
    <message>
        <source>数据库：{database}</source>
        <translation>Database: {database}</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation>Database settings…</translation>
    </message>
    <message>
        <source>使用恢复码</source>
        <translation>Use a recovery code</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>动态验证码</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>恢复码，如 abcd-efgh-jkmn-pqrs</source>
        <translation>Recovery code, e.g. abcd-efgh-jkmn-pqrs</translation>
    </message>
    <message>
        <source>验证器上的6位数字</source>
        <translation>The 6 digits in your authenticator app</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Please enter your user name</translation>
    </message>
    <message>
        <source>正在连接数据库…</source>
        <translation>Connecting to the database…</translation>
    </message>
    <message>
        <source>管理员密码已设置，请用新密码登录</source>
        <translation>Administrator password set; log in with the new password</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <source>请输入动态验证码</source>
        <translation>Enter the one-time code</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>市长热线 · 市长信箱 办件台</source>
        <translation>Mayor&apos;s Hotline · Mayor&apos;s Mailbox Case Desk</translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>我的待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <source>全部办件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>督办台</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>答复模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <source>单位设置</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>组织机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>派单目录</source>
        <translation>Routing catalogue</translation>
    </message>
    <message>
        <source>工作日历</source>
        <translation>Work calendar</translation>
    </message>
    <message>
        <source>时限设置</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>您的账号尚未分配可用的角色，请联系系统管理员。</source>
        <translation>Your account has no usable role yet. Please contact the system administrator.</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>我的待办中的办件数：同一办件出现在几个分类中（如“被退回”的也在“办理中”）只计一次。</source>
        <translation>Cases in My work: a case that appears under several tabs (e.g. “Returned” is also “In progress”) is counted once.</translation>
    </message>
    <message>
        <source>{name}（{unit}）</source>
        <translation>{name} ({unit})</translation>
    </message>
    <message>
        <source>当前用户：{user}  角色：{roles}</source>
        <translation>User: {user}  Roles: {roles}</translation>
    </message>
    <message>
        <source>数据库：{database}</source>
        <translation>Database: {database}</translation>
    </message>
    <message>
        <source>办件(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <source>登记新办件</source>
        <translation>Register new case</translation>
    </message>
    <message>
        <source>导入平台工单…</source>
        <translation>Import platform work orders…</translation>
    </message>
    <message>
        <source>导出办理结果…</source>
        <translation>Export handling results…</translation>
    </message>
    <message>
        <source>查找办件</source>
        <translation>Find case</translation>
    </message>
    <message>
        <source>刷新列表</source>
        <translation>Refresh list</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>双因素认证…</source>
        <translation>Two-factor authentication…</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation>Database settings…</translation>
    </message>
    <message>
        <source>首次设置向导…</source>
        <translation>First-run assistant…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>已保存：{case_no} 现为“{status}”</source>
        <translation>Saved: {case_no} is now “{status}”</translation>
    </message>
    <message>
        <source>未找到办件 {case_no}</source>
        <translation>Case {case_no} not found</translation>
    </message>
    <message>
        <source>已保存：{case_no}</source>
        <translation>Saved: {case_no}</translation>
    </message>
    <message>
        <source>市长热线 · 市长信箱 办件台 {version}
登记、分级转办、督办、审核答复、回访与统计。</source>
        <translation>Mayor&apos;s Hotline · Mayor&apos;s Mailbox Case Desk {version}
Registration, tiered referral, supervision, reply approval, callbacks and statistics.</translation>
    </message>
    <message>
        <source>登记表中尚未保存的内容</source>
        <translation>Unsaved entries in the registration form</translation>
    </message>
    <message>
        <source>打开的窗口“{title}”</source>
        <translation>The open window “{title}”</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>以下内容尚未提交：
{work}

答复、意见和登记表已存为草稿，下次打开时可以恢复；其他窗口中输入的内容将丢失。确定继续吗？</source>
        <translation>Not yet submitted:
{work}

Replies, opinions and the registration form are kept as drafts and offered again next time; what was typed in other windows will be lost. Continue?</translation>
    </message>
    <message>
        <source>使用手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言已改为“{language}”，重新启动办件台后生效。
The language takes effect when the desk starts again.</source>
        <translation>The interface language is now “{language}”; it takes effect when the desk starts again.
界面语言将在重新启动办件台后生效。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>并单</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>并单后本件终结（已并单），内容记入主办件的流转记录，由主办件答复和回访。</source>
        <translation>Merged, this case ends; its content goes into the other case&apos;s history, which is replied to and called back.</translation>
    </message>
    <message>
        <source>如：同一来电人就同一事项再次来电</source>
        <translation>e.g. the same caller called again about the same matter</translation>
    </message>
    <message>
        <source>并入该件</source>
        <translation>Merge into it</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>一</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>三</source>
        <translation>We</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Th</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Su</translation>
    </message>
</context>
<context>
    <name>NameStep</name>
    <message>
        <source>第一步：单位名称</source>
        <translation>Step 1: Bureau name</translation>
    </message>
    <message>
        <source>单位名称印在交办单和答复函的抬头上，简称用于答复函文号。以后可在“单位设置”中修改。</source>
        <translation>The bureau&apos;s name is printed at the head of case slips and reply letters; the short name is used in reply-letter numbers. Both can be changed later under “Office settings”.</translation>
    </message>
    <message>
        <source>单位名称 *</source>
        <translation>Bureau name *</translation>
    </message>
    <message>
        <source>单位简称 *</source>
        <translation>Short name *</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>（不属于任何部门）</source>
        <translation>(no department)</translation>
    </message>
    <message>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>所属部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>角色 *</source>
        <translation>Roles *</translation>
    </message>
    <message>
        <source>业务账号建立后不设密码，由安全管理员发放初始密码。管理员角色须单独授予；除新库首次设立外，新建管理员账号只提交请求，由另一名其他类别的管理员确认后才建立。</source>
        <translation>A business account gets no password when it is created: the security administrator issues the first one. Administrator roles are granted on their own; except when a new database is first set up, a new administrator account is only a request, created once another administrator of a different kind confirms it.</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NoCallbackDialog</name>
    <message>
        <source>不回访</source>
        <translation>No callback</translation>
    </message>
    <message>
        <source>匿名来电</source>
        <translation>Anonymous caller</translation>
    </message>
    <message>
        <source>来电人要求保密</source>
        <translation>The caller asked for confidentiality</translation>
    </message>
    <message>
        <source>{reason}：不回访，直接办结，不计入回访率。</source>
        <translation>{reason}: closed without a callback, not counted in the callback rate.</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>办理记录</source>
        <translation>Handling note</translation>
    </message>
    <message>
        <source>记录类型 *</source>
        <translation>Kind *</translation>
    </message>
    <message>
        <source>时间、对象、经过和结果</source>
        <translation>When, with whom, what was done and the result</translation>
    </message>
    <message>
        <source>记录内容 *</source>
        <translation>Note *</translation>
    </message>
    <message>
        <source>保存记录 (Ctrl+Enter)</source>
        <translation>Save note (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>OfficeSettingsPage</name>
    <message>
        <source>单位名称（用于交办单、答复函抬头）</source>
        <translation>Bureau name (heading of slips and reply letters)</translation>
    </message>
    <message>
        <source>答复时限起算</source>
        <translation>Reply time limit counts from</translation>
    </message>
    <message>
        <source>受理次日起算</source>
        <translation>the day after receipt</translation>
    </message>
    <message>
        <source>转办次日起算</source>
        <translation>the day after dispatch</translation>
    </message>
    <message>
        <source>签收次日起算</source>
        <translation>the day after signing</translation>
    </message>
    <message>
        <source>单次延期最多工作日数</source>
        <translation>Longest extension (working days)</translation>
    </message>
    <message>
        <source>回访联系不上的尝试次数</source>
        <translation>Callback attempts before unreachable</translation>
    </message>
    <message>
        <source>重复件比对天数</source>
        <translation>Days to look back for duplicates</translation>
    </message>
    <message>
        <source>满意率计入“基本满意”</source>
        <translation>Satisfaction rate counts “basically satisfied”</translation>
    </message>
    <message>
        <source>红黑榜达标线（按时办结率、满意率）</source>
        <translation>Ranking threshold (on-time and satisfaction rates)</translation>
    </message>
    <message>
        <source>PDF 中文字体文件（留空自动查找）</source>
        <translation>PDF Chinese font file (empty: find one)</translation>
    </message>
    <message>
        <source>单位简称（用于答复函文号）</source>
        <translation>Bureau short name (for reply letter numbers)</translation>
    </message>
    <message>
        <source>答复函文号格式（可用 {bureau_short} 简称、{year} 年份、{seq} 序号、{case_no} 办件编号）</source>
        <translation>Reply letter number pattern ({bureau_short} short name, {year} year, {seq} sequence, {case_no} case number may be used)</translation>
    </message>
    <message>
        <source>答复函联系人</source>
        <translation>Reply letter contact person</translation>
    </message>
    <message>
        <source>答复函联系电话</source>
        <translation>Reply letter contact phone</translation>
    </message>
    <message>
        <source>备份保留份数（自动、手动、升级前各保留最近几份）</source>
        <translation>Backups kept (the latest of each kind: automatic, manual, before upgrade)</translation>
    </message>
    <message>
        <source>管理员登录须使用双因素认证（动态验证码）</source>
        <translation>Administrators must log in with two-factor authentication (one-time code)</translation>
    </message>
    <message>
        <source>密码有效期（天，0 表示不过期）</source>
        <translation>Password expiry (days; 0: never expires)</translation>
    </message>
    <message>
        <source>无操作自动锁屏（分钟，0 表示不锁屏）</source>
        <translation>Screen lock after inactivity (minutes; 0: never lock)</translation>
    </message>
    <message>
        <source>办理结果回传的联系电话（12345平台回访时联系本单位）</source>
        <translation>Contact phone in the handling results sent back (for the 12345 platform&apos;s follow-up calls to this bureau)</translation>
    </message>
    <message>
        <source>附件大小上限（MB，每个文件）</source>
        <translation>Attachment size limit (MB per file)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>单位设置</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>答复函 Word 模板：</source>
        <translation>Reply letter Word template:</translation>
    </message>
    <message>
        <source>这些设置对所有工作站生效；每项修改都记入审计日志。</source>
        <translation>These settings apply to every workstation; each change is written to the audit log.</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>未保存：请按提示修改</source>
        <translation>Not saved: please correct the marked fields</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>OpinionDialog</name>
    <message>
        <source>协办意见</source>
        <translation>Assisting opinion</translation>
    </message>
    <message>
        <source>主办科室：{unit}</source>
        <translation>Lead section: {unit}</translation>
    </message>
    <message>
        <source>拟办意见：{text}</source>
        <translation>Office&apos;s routing opinion: {text}</translation>
    </message>
    <message>
        <source>本科室核实的情况和意见</source>
        <translation>What this section found and its opinion</translation>
    </message>
    <message>
        <source>协办意见 *</source>
        <translation>Opinion *</translation>
    </message>
    <message>
        <source>提交意见 (Ctrl+Enter)</source>
        <translation>Submit opinion (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>不限</source>
        <comment>no date bound</comment>
        <translation>Any</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>发督办单</source>
        <translation>Issue order</translation>
    </message>
    <message>
        <source>已有未办结的督办单：{level}。可升级为红牌。</source>
        <translation>An open supervision order exists: {level}. It can be escalated to red.</translation>
    </message>
    <message>
        <source>督办级别 *</source>
        <translation>Level *</translation>
    </message>
    <message>
        <source>如：该件已超期5个工作日仍未答复</source>
        <translation>e.g. 5 working days overdue and still no reply</translation>
    </message>
    <message>
        <source>督办事由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>回复期限 *</source>
        <translation>Answer by *</translation>
    </message>
    <message>
        <source>发出督办单</source>
        <translation>Issue the order</translation>
    </message>
</context>
<context>
    <name>OrgUnitsPage</name>
    <message>
        <source>组织机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>如 ZHK（大写字母、数字）</source>
        <translation>e.g. ZHK (capital letters, digits)</translation>
    </message>
    <message>
        <source>（无上级）</source>
        <translation>(no parent)</translation>
    </message>
    <message>
        <source>（不指定账号）</source>
        <translation>(no account)</translation>
    </message>
    <message>
        <source>没有账号时填写姓名</source>
        <translation>Enter a name when there is no account</translation>
    </message>
    <message>
        <source>名称 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>代码 *</source>
        <translation>Code *</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>负责人（账号）</source>
        <translation>Head (account)</translation>
    </message>
    <message>
        <source>负责人（姓名）</source>
        <translation>Head (name)</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>新增科室</source>
        <translation>New section</translation>
    </message>
    <message>
        <source>新增直属单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{name}（{username}）</source>
        <translation>{name} ({username})</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>新增单位</source>
        <translation>New org unit</translation>
    </message>
    <message>
        <source>删除“{name}”？只有录入错误、从未使用的单位可以删除。</source>
        <translation>Delete “{name}”? Only a unit entered by mistake and never used can be deleted.</translation>
    </message>
    <message>
        <source>删除单位</source>
        <translation>Delete org unit</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>设置管理员初始密码</source>
        <translation>Set the initial administrator password</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>至少8位，包含大写字母、小写字母、数字、符号中的至少3类，不能包含用户名、姓名或单位名称，不能是常见词语、姓名拼音、地名加数字这类容易猜到的组合，不能与最近4次的密码相同</source>
        <translation>At least 8 characters with at least 3 of: upper-case letters, lower-case letters, digits, symbols; no user name, personal name or bureau name; no easily guessed combination such as a common word, a name in pinyin or a place name plus digits; not one of your last 4 passwords</translation>
    </message>
    <message>
        <source>账号 {username} 首次使用，请输入一次性安装码并设置自己的密码。</source>
        <translation>Account {username} is used for the first time: enter the one-time setup code and set your own password.</translation>
    </message>
    <message>
        <source>密码需要更换，请设置新密码后继续。</source>
        <translation>Your password must be changed; set a new one to continue.</translation>
    </message>
    <message>
        <source>修改登录密码。</source>
        <translation>Change your login password.</translation>
    </message>
    <message>
        <source>安装码</source>
        <translation>Setup code</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>本数据库没有可用的安装码，请联系创建数据库的管理员。</source>
        <translation>This database has no usable setup code; contact the administrator who created the database.</translation>
    </message>
    <message>
        <source>安装码在创建本数据库的电脑（主机名 {host}）上首次启动时生成，保存在文件 {file} 中（仅该电脑的启动用户可读），也已打印在控制台。用后作废。</source>
        <translation>The setup code was generated at the first start on the computer that created this database (host name {host}) and saved in the file {file} (readable only by the user who started the desk on that computer); it was also printed on the console. It can be used only once.</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
    <message>
        <source>请输入安装码</source>
        <translation>Enter the setup code</translation>
    </message>
</context>
<context>
    <name>PendingAttachments</name>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>也可把文件拖到这一行；保存登记后随即存入办件</source>
        <translation>Files can also be dropped on this row; they are stored with the case right after it is registered</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>无（可拖入文件）</source>
        <translation>none (files can be dropped here)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{name}（{kind}，{size}）</source>
        <translation>{name} ({kind}, {size})</translation>
    </message>
    <message>
        <source>{n} 个文件：{names}</source>
        <translation>{n} files: {names}</translation>
    </message>
    <message>
        <source>正在存入 {n} 个附件…</source>
        <translation>Storing {n} attachments…</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>诉求人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>平台截止时间</source>
        <translation>Platform deadline</translation>
    </message>
    <message>
        <source>事项分类</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>建议主办科室</source>
        <translation>Suggested lead section</translation>
    </message>
    <message>
        <source>问题 / 平台上的变更</source>
        <translation>Problems / changes on the platform</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>已导入，无变化</source>
        <translation>Imported, unchanged</translation>
    </message>
    <message>
        <source>平台已变更（勾选以更新）</source>
        <translation>Changed on the platform (tick to update)</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot be imported</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>批量打印选中办件的交办单…</source>
        <translation>Print slips of the selected cases…</translation>
    </message>
    <message>
        <source>打印今日转办的交办单…</source>
        <translation>Print slips of today&apos;s dispatched cases…</translation>
    </message>
    <message>
        <source>请先选择要打印的办件</source>
        <translation>Select a case to print first</translation>
    </message>
    <message>
        <source>已打印 {count} 件交办单，共 {pages} 页</source>
        <translation>Printed {count} dispatch slips, {pages} pages</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>交办单</source>
        <translation>Dispatch slip</translation>
    </message>
    <message>
        <source>督办通知单</source>
        <translation>Supervision notice</translation>
    </message>
    <message>
        <source>答复函</source>
        <translation>Reply letter</translation>
    </message>
    <message>
        <source>打印预览 - {case_no}</source>
        <translation>Print preview - {case_no}</translation>
    </message>
    <message>
        <source>红牌</source>
        <translation>red</translation>
    </message>
    <message>
        <source>黄牌</source>
        <translation>yellow</translation>
    </message>
    <message>
        <source>督办单：</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>显示来电人完整信息（记入审计日志）</source>
        <translation>Show the caller in full (audited)</translation>
    </message>
    <message>
        <source>默认打印脱敏后的个人信息；勾选后按原样打印，并记入审计日志。</source>
        <translation>Personal data is printed masked; when ticked it is printed in full and the audit log records it.</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>另存为 Word…</source>
        <translation>Save as Word…</translation>
    </message>
    <message>
        <source>按单位的答复函模板生成 Word 文档，便于走公文流程</source>
        <translation>Make a Word document from the office&apos;s reply-letter template, for documents that go through Word</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>文书：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>View:</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>共 {pages} 页 · 字体：{font}</source>
        <translation>{pages} pages · font: {font}</translation>
    </message>
    <message>
        <source>未找到可嵌入的中文字体，其他电脑上可能显示为方框；请在“单位设置”中指定字体。</source>
        <translation>No embeddable Chinese font was found; other computers may show boxes. Choose a font in Office settings.</translation>
    </message>
    <message>
        <source>未能生成文书</source>
        <translation>The document could not be generated</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>另存为 Word</source>
        <translation>Save as Word</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>已发送到打印机：{title}</source>
        <translation>Sent to the printer: {title}</translation>
    </message>
</context>
<context>
    <name>RecordReplyDialog</name>
    <message>
        <source>登记答复</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>审核通过的答复</source>
        <translation>Approved reply</translation>
    </message>
    <message>
        <source>答复方式 *</source>
        <translation>Method *</translation>
    </message>
    <message>
        <source>答复时间 *</source>
        <translation>Replied at *</translation>
    </message>
    <message>
        <source>接受答复的人，如来电人姓名</source>
        <translation>Who received the reply, e.g. the caller&apos;s name</translation>
    </message>
    <message>
        <source>来电人姓名已脱敏显示，可改为实际答复对象</source>
        <translation>The caller&apos;s name is shown masked; type the actual recipient if needed</translation>
    </message>
    <message>
        <source>答复对象 *</source>
        <translation>Replied to *</translation>
    </message>
</context>
<context>
    <name>RecoveryCodesPanel</name>
    <message>
        <source>请立即抄写或打印以下恢复码，妥善保管（不要存在本机或手机上）。手机丢失时，每个恢复码可代替动态验证码登录一次。关闭本窗口后恢复码不会再显示。</source>
        <translation>Write down or print these recovery codes now and keep them safe (not on this computer or your phone). If you lose your phone, each recovery code can be used once instead of a one-time code to log in. The recovery codes are not shown again once this window is closed.</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>我已妥善保存恢复码</source>
        <translation>I have stored the recovery codes safely</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>保存登记 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>登记办件</source>
        <translation>Register a case</translation>
    </message>
    <message>
        <source>已保存：{case_no}（查询码 {query_code}）</source>
        <translation>Saved: {case_no} (query code {query_code})</translation>
    </message>
    <message>
        <source>{saved}，附件 {n} 个已存入</source>
        <translation>{saved}; {n} attachments stored</translation>
    </message>
    <message>
        <source>附件未存入</source>
        <translation>Attachments not stored</translation>
    </message>
    <message>
        <source>登记本次来电并并入 {case_no}（{title}）？
并单后本件不再单独办理，内容记入该件的流转记录。</source>
        <translation>Register this call and merge it into {case_no} ({title})?
Merged, it is not handled on its own; its content goes into that case&apos;s history.</translation>
    </message>
    <message>
        <source>登记本次来电并与 {case_no}（{title}）关联为相关件？</source>
        <translation>Register this call and link it to {case_no} ({title}) as related?</translation>
    </message>
    <message>
        <source>并单</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>已保存：{case_no}，已并入 {other}</source>
        <translation>Saved: {case_no}, merged into {other}</translation>
    </message>
    <message>
        <source>已保存：{case_no}，已关联 {other}</source>
        <translation>Saved: {case_no}, linked to {other}</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>不予受理后办件即终结，不再转办。</source>
        <translation>A rejected case is closed for good and will not be routed.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>不予受理理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>告知来电人的渠道或依据，如：已告知其向法院起诉</source>
        <translation>Where the caller was referred, e.g. told to file a lawsuit</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>RejectReturnDialog</name>
    <message>
        <source>驳回退回</source>
        <translation>Refuse return</translation>
    </message>
    <message>
        <source>如：该事项属你科职责，请继续办理</source>
        <translation>e.g. This is your section&apos;s duty; please carry on</translation>
    </message>
    <message>
        <source>驳回理由 *</source>
        <translation>Reason for refusing *</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>重办</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>办件将退回{unit}重新办理，按重办件时限答复，答复后再次回访。</source>
        <translation>The case goes back to {unit} to be handled again on the reopened-case limit, and is called back again after the reply.</translation>
    </message>
    <message>
        <source>原承办单位</source>
        <translation>the handling unit</translation>
    </message>
    <message>
        <source>如：12345平台回访不满意退回</source>
        <translation>e.g. sent back by the 12345 platform as unsatisfied</translation>
    </message>
    <message>
        <source>重办原因 *</source>
        <translation>Reason *</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>提交答复</source>
        <translation>Submit reply</translation>
    </message>
    <message>
        <source>第 {seq} 稿被{reviewer}于 {at} 退回修改：
{comment}</source>
        <translation>Draft {seq} was sent back by {reviewer} at {at}:
{comment}</translation>
    </message>
    <message>
        <source>套用模板</source>
        <translation>Apply template</translation>
    </message>
    <message>
        <source>答复模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>选择模板后点“套用模板”，或直接输入答复内容</source>
        <translation>Choose a template and click &quot;Apply template&quot;, or type the reply</translation>
    </message>
    <message>
        <source>答复内容 *</source>
        <translation>Reply *</translation>
    </message>
    <message>
        <source>提交审核 (Ctrl+Enter)</source>
        <translation>Submit for approval (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>RequestExtensionDialog</name>
    <message>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <source>延期须在答复期限届满前申请，经办公室审批后生效；单次最多 {most} 个工作日。</source>
        <translation>Ask before the reply deadline; the office must approve; at most {most} working days at a time.</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>延期天数 *</source>
        <translation>Working days *</translation>
    </message>
    <message>
        <source>如：需会同区经信局现场核查，企业材料尚未补齐</source>
        <translation>e.g. an on-site check with the district bureau is needed; the company&apos;s documents are incomplete</translation>
    </message>
    <message>
        <source>延期理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>提交申请 (Ctrl+Enter)</source>
        <translation>Submit request (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>RequestReturnDialog</name>
    <message>
        <source>申请退回</source>
        <translation>Request return</translation>
    </message>
    <message>
        <source>退回申请由办公室审核，审核前办件暂停办理。</source>
        <translation>The office decides on the return; handling pauses until then.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>退回理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>如：依据三定方案，该事项属区经信局职责</source>
        <translation>e.g. Under the bureau&apos;s mandate this belongs to the district bureau</translation>
    </message>
    <message>
        <source>退回依据 *</source>
        <translation>Basis *</translation>
    </message>
</context>
<context>
    <name>RequestsPanel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>请求人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>提出时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>拒绝…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>管理员变更请求（双人控制）</source>
        <translation>Administrator requests (dual control)</translation>
    </message>
    <message>
        <source>选择一条请求查看可否由您确认。</source>
        <translation>Select a request to see whether you may confirm it.</translation>
    </message>
    <message>
        <source>您可以确认或拒绝这条请求。</source>
        <translation>You may confirm or refuse this request.</translation>
    </message>
    <message>
        <source>这是您提出的请求，须由另一名其他类别的管理员确认；确认前您可以撤回。</source>
        <translation>This is your own request; an administrator of another kind must confirm it. Until then you may withdraw it.</translation>
    </message>
    <message>
        <source>请求（编号 {id}）已确认并生效：{what} — {user}</source>
        <translation>Request no. {id} confirmed and in effect: {what} — {user}</translation>
    </message>
    <message>
        <source>
临时密码：{password}
请当面交给本人（不要转交请求人），首次登录须修改密码。</source>
        <translation>
Temporary password: {password}
Hand it over in person to the account holder (not through the requester); it must be changed at the first login.</translation>
    </message>
    <message>
        <source>
其动态验证码和恢复码已失效，须由本人重新绑定。</source>
        <translation>
Their one-time codes and recovery codes no longer work; they must set up two-factor authentication again themselves.</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>拒绝请求</source>
        <translation>Refuse request</translation>
    </message>
    <message>
        <source>拒绝理由（告知请求人）：</source>
        <translation>Reason for refusing (the requester is told):</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>hotline_desk.before-restore-&lt;时间&gt;.db</source>
        <translation>hotline_desk.before-restore-&lt;time&gt;.db</translation>
    </message>
    <message>
        <source>&lt;原名&gt;_before_restore_&lt;时间&gt;</source>
        <translation>&lt;name&gt;_before_restore_&lt;time&gt;</translation>
    </message>
    <message>
        <source>（无清单，无法确认制作时间）</source>
        <translation>(no manifest; the time it was made is unknown)</translation>
    </message>
    <message>
        <source>备份：{name}&lt;br&gt;制作于 {made}（{kind}，{who}）&lt;br&gt;结构版本：{schema}  办件台版本：{version}</source>
        <translation>Backup: {name}&lt;br&gt;Made at {made} ({kind}, {who})&lt;br&gt;Schema: {schema}  Desk version: {version}</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>不是本程序认识的办件台数据库（或来自更新的版本）</source>
        <translation>not a desk database this program knows (or from a newer version)</translation>
    </message>
    <message>
        <source>恢复后将按正常升级步骤把结构从 {old} 升级到 {new}。</source>
        <translation>After the restore the schema is upgraded from {old} to {new} the usual way.</translation>
    </message>
    <message>
        <source>表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>备份中</source>
        <translation>In backup</translation>
    </message>
    <message>
        <source>当前数据库</source>
        <translation>Current database</translation>
    </message>
    <message>
        <source>当前数据库比备份多 {n} 件办件：恢复后它们不在新数据库中（仍在改名保留的原数据库里）。</source>
        <translation>The current database holds {n} more cases than the backup: after the restore they are not in the new database (they stay in the renamed previous one).</translation>
    </message>
    <message>
        <source>当前数据库无法读取：{error}</source>
        <translation>The current database cannot be read: {error}</translation>
    </message>
    <message>
        <source>数据目录中的文件：恢复缺少的 {back} 个，保留与备份不同的 {kept} 个（现有文件不会被覆盖）。</source>
        <translation>Files in the data directory: {back} missing ones are restored, {kept} that differ from the backup are kept (existing files are never overwritten).</translation>
    </message>
    <message>
        <source>确认后：当前数据库改名保留为 {kept}，这份备份成为当前数据库，办件台随后重新启动。</source>
        <translation>On confirmation the current database is renamed and kept as {kept}, this backup becomes the current database, and the desk restarts.</translation>
    </message>
    <message>
        <source>我已核对以上内容，确认用这份备份替换当前数据库</source>
        <translation>I have checked the above and confirm replacing the current database with this backup</translation>
    </message>
    <message>
        <source>这份备份未通过校验，不能用来恢复。当前数据库未作任何改动。</source>
        <translation>This backup failed its checks and cannot be restored. The current database was not changed.</translation>
    </message>
    <message>
        <source>恢复并重新启动</source>
        <translation>Restore and restart</translation>
    </message>
</context>
<context>
    <name>ResultsDialog</name>
    <message>
        <source>导出办理结果（回传12345平台）</source>
        <translation>Export handling results (back to the 12345 platform)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>CSV 文本 (.csv,UTF-8)</source>
        <translation>CSV text (.csv, UTF-8)</translation>
    </message>
    <message>
        <source>包括已回传过的办件</source>
        <translation>Include cases already sent</translation>
    </message>
    <message>
        <source>办理结果回传-{stamp}.xlsx</source>
        <translation>Handling-results-{stamp}.xlsx</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>答复时间：</source>
        <translation>Reply time:</translation>
    </message>
    <message>
        <source>格式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>只导出来自12345平台（有平台工单号）且已答复或已办结的办件；答复内容中的来电人姓名、电话、地址和证件号已隐去。导出后这些办件标为“已回传”，下次只导出新的。</source>
        <translation>Only cases from the 12345 platform (with a platform work-order number) that have been replied to or closed are exported; callers&apos; names, phones, addresses and ID numbers are hidden in the replies. Exported cases are marked “sent”, so the next export holds only new ones.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>已导出 {n} 件办理结果到 {name}。</source>
        <translation>Exported {n} handling results to {name}.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>审核答复 — {case_no}</source>
        <translation>Review reply — {case_no}</translation>
    </message>
    <message>
        <source>局领导审核</source>
        <translation>Bureau leader&apos;s approval</translation>
    </message>
    <message>
        <source>科室负责人审核</source>
        <translation>Section head&apos;s approval</translation>
    </message>
    <message>
        <source>；重要件，审核通过后送局领导审核</source>
        <translation>; important case: goes to the bureau leader after approval</translation>
    </message>
    <message>
        <source>第 {seq} 稿 · {author} 提交于 {at} · {what}</source>
        <translation>Draft {seq} · submitted by {author} at {at} · {what}</translation>
    </message>
    <message>
        <source>拟答复内容</source>
        <translation>Draft reply</translation>
    </message>
    <message>
        <source>审核记录</source>
        <translation>Review history</translation>
    </message>
    <message>
        <source>退回修改时必填：写明需要修改的地方</source>
        <translation>Required when sending back: say what must change</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>第 {seq} 稿 · {author} · {at}</source>
        <translation>Draft {seq} · {author} · {at}</translation>
    </message>
    <message>
        <source>局领导</source>
        <translation>Bureau leader </translation>
    </message>
    <message>
        <source>科室负责人</source>
        <translation>Section head </translation>
    </message>
    <message>
        <source>{who}{name} {at} {decision}</source>
        <translation>{who}{name} {at} {decision}</translation>
    </message>
    <message>
        <source>：{comment}</source>
        <translation>: {comment}</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>变更角色 — {username}</source>
        <translation>Change roles — {username}</translation>
    </message>
    <message>
        <source>管理员角色只能单独持有，不能与业务角色兼任；涉及管理员角色的变更须由另一名管理员确认后生效。</source>
        <translation>An administrator role is held on its own, never together with business roles; a change involving administrator roles takes effect once another administrator confirms it.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RouteDialog</name>
    <message>
        <source>派单目录默认主办：{unit}</source>
        <translation>Default lead in the routing catalogue: {unit}</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>直办</source>
        <translation>Handle directly</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reroute</translation>
    </message>
    <message>
        <source>同意退回并改派</source>
        <translation>Approve return and reroute</translation>
    </message>
    <message>
        <source>事项分类：{topic}    诉求类型：{category}</source>
        <translation>Topic: {topic}    Type: {category}</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation>Unclassified</translation>
    </message>
    <message>
        <source>当前主办：{unit}</source>
        <translation>Current lead: {unit}</translation>
    </message>
    <message>
        <source>（交办：{unit}）</source>
        <translation> (delegated to {unit})</translation>
    </message>
    <message>
        <source>，已改派 {n} 次</source>
        <translation>, rerouted {n} time(s)</translation>
    </message>
    <message>
        <source>建议主办：{unit}
依据：{basis}</source>
        <translation>Suggested lead: {unit}
Basis: {basis}</translation>
    </message>
    <message>
        <source>其他候选：{units}</source>
        <translation>Other candidates: {units}</translation>
    </message>
    <message>
        <source>暂无派单建议：该事项分类未设默认主办科室，请人工选择。</source>
        <translation>No suggestion: this topic has no default lead section; please choose one.</translation>
    </message>
    <message>
        <source>转办科室</source>
        <translation>Route to a section</translation>
    </message>
    <message>
        <source>交办直属单位</source>
        <translation>Delegate to an affiliated unit</translation>
    </message>
    <message>
        <source>办理层级 *</source>
        <translation>Tier *</translation>
    </message>
    <message>
        <source>请选择主办科室</source>
        <translation>Choose the lead section</translation>
    </message>
    <message>
        <source>主办科室 *</source>
        <translation>Lead section *</translation>
    </message>
    <message>
        <source>直属单位</source>
        <translation>Affiliated unit</translation>
    </message>
    <message>
        <source>协办科室</source>
        <translation>Assisting sections</translation>
    </message>
    <message>
        <source>如：请产业发展科牵头，会同财务科核实后答复</source>
        <translation>e.g. Industrial Development leads, checks with Finance, then replies</translation>
    </message>
    <message>
        <source>拟办意见</source>
        <translation>Routing opinion</translation>
    </message>
    <message>
        <source>必填：为什么改派，如原主办科室职责不符</source>
        <translation>Required: why reroute, e.g. not the lead section&apos;s duty</translation>
    </message>
    <message>
        <source>改派原因 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>请先选择主办科室</source>
        <translation>Choose the lead section first</translation>
    </message>
    <message>
        <source>该科室没有直属单位</source>
        <translation>This section has no affiliated units</translation>
    </message>
</context>
<context>
    <name>SavedSearchNav</name>
    <message>
        <source>保存的查询</source>
        <translation>Saved searches</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除保存的查询</source>
        <translation>Delete saved search</translation>
    </message>
    <message>
        <source>删除保存的查询“{name}”？</source>
        <translation>Delete the saved search “{name}”?</translation>
    </message>
</context>
<context>
    <name>ScreenDialog</name>
    <message>
        <source>甄别</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>回访结果：{result}
市民意见：{words}</source>
        <translation>Callback: {result}
Citizen: {words}</translation>
    </message>
    <message>
        <source>原承办单位</source>
        <translation>the handling unit</translation>
    </message>
    <message>
        <source>合理：重办，由{unit}重新办理</source>
        <translation>Reasonable: reopen, {unit} handles it again</translation>
    </message>
    <message>
        <source>不合理：记录理由后办结</source>
        <translation>Not reasonable: close with the reason</translation>
    </message>
    <message>
        <source>甄别结论 *</source>
        <translation>Decision *</translation>
    </message>
    <message>
        <source>如：诉求超出政策规定；或：承办单位未落实答复事项</source>
        <translation>e.g. beyond what the policy allows; or: the section did not do what it replied</translation>
    </message>
    <message>
        <source>甄别理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>请选择甄别结论：合理或不合理</source>
        <translation>Choose the decision: reasonable or not</translation>
    </message>
</context>
<context>
    <name>SecondFactorDialog</name>
    <message>
        <source>双因素认证</source>
        <translation>Two-factor authentication</translation>
    </message>
    <message>
        <source>绑定动态验证码…</source>
        <translation>Set up one-time codes…</translation>
    </message>
    <message>
        <source>当前验证码或一个恢复码</source>
        <translation>Current code or a recovery code</translation>
    </message>
    <message>
        <source>解除绑定</source>
        <translation>Turn off</translation>
    </message>
    <message>
        <source>重新生成恢复码</source>
        <translation>Generate new recovery codes</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>验证码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>已绑定动态验证码（绑定时间 {when}），剩余恢复码 {n} 个。</source>
        <translation>One-time codes are set up (since {when}); {n} recovery codes left.</translation>
    </message>
    <message>
        <source>尚未绑定动态验证码。</source>
        <translation>One-time codes are not set up yet.</translation>
    </message>
    <message>
        <source>单位要求管理员登录时必须使用双因素认证。</source>
        <translation> Your office requires administrators to log in with two-factor authentication.</translation>
    </message>
    <message>
        <source>新的恢复码</source>
        <translation>New recovery codes</translation>
    </message>
    <message>
        <source>已生成新的恢复码，原有恢复码全部作废。</source>
        <translation>New recovery codes were generated; all the previous ones are void.</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>首次设置向导</source>
        <translation>First-run assistant</translation>
    </message>
    <message>
        <source>保存模板…</source>
        <translation>Save template…</translation>
    </message>
    <message>
        <source>从模板导入…</source>
        <translation>Import from template…</translation>
    </message>
    <message>
        <source>稍后继续</source>
        <translation>Continue later</translation>
    </message>
    <message>
        <source>不再提示</source>
        <translation>Don&apos;t show again</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>不再显示首次设置向导？以后可在各管理页面中设置。</source>
        <translation>Stop showing the first-run assistant? Everything can still be set on the administration pages.</translation>
    </message>
    <message>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>组织机构与派单目录模板.xlsx</source>
        <translation>Organisation and routing catalogue template.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存：{error}</source>
        <translation>Cannot save: {error}</translation>
    </message>
    <message>
        <source>从模板导入</source>
        <translation>Import from template</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>近12个月受理量（按来源渠道）</source>
        <translation>Cases received, last 12 months (by channel)</translation>
    </message>
    <message>
        <source>各科室按时办结率、满意率（%）</source>
        <translation>On-time and satisfaction rates by section (%)</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>On-time reply rate</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <source>诉求类型构成（受理量）</source>
        <translation>Request types (cases received)</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>统计</source>
        <translation>Compute</translation>
    </message>
    <message>
        <source>锁定月报</source>
        <translation>Freeze month</translation>
    </message>
    <message>
        <source>解除锁定…</source>
        <translation>Unfreeze…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>政务公开清单…</source>
        <translation>Disclosure list…</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>分组</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>统计表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>红黑榜</source>
        <translation>Red/black lists</translation>
    </message>
    <message>
        <source>正在统计 {period}…</source>
        <translation>Computing {period}…</translation>
    </message>
    <message>
        <source>{period}月报已锁定（{at}，{who}）：显示锁定时的数据</source>
        <translation>{period} is frozen ({at}, {who}): showing the figures as issued</translation>
    </message>
    <message>
        <source>{period}：实时数据（生成于 {at}）</source>
        <translation>{period}: live figures (computed {at})</translation>
    </message>
    <message>
        <source>达标线：{floor}</source>
        <translation>Floor: {floor}</translation>
    </message>
    <message>
        <source>红榜</source>
        <translation> red list</translation>
    </message>
    <message>
        <source>黑榜</source>
        <translation> black list</translation>
    </message>
    <message>
        <source>{name}（{value}）</source>
        <translation>{name} ({value})</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{kpi}{list}：{names}</source>
        <translation>{kpi}{list}: {names}</translation>
    </message>
    <message>
        <source>解除月报锁定</source>
        <translation>Unfreeze monthly report</translation>
    </message>
    <message>
        <source>解除锁定的原因（将记入审计日志）：</source>
        <translation>Reason for unfreezing (recorded in the audit log):</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>导出统计报表</source>
        <translation>Export statistics report</translation>
    </message>
    <message>
        <source>办件统计-{period}.{suffix}</source>
        <translation>case-statistics-{period}.{suffix}</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>StatsTableModel</name>
    <message>
        <source>{kpi}：{definition}</source>
        <translation>{kpi}: {definition}</translation>
    </message>
    <message>
        <source>计算说明：{reading}</source>
        <translation>How it is counted: {reading}</translation>
    </message>
    <message>
        <source>{period} · {row} · {kpi}：{cases}</source>
        <translation>{period} · {row} · {kpi}: {cases}</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>可用字段（保存后由系统按办件填写）：{fields}</source>
        <translation>Fields (filled in from the case when the template is used): {fields}</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>模板正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>答复模板</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <source>（停用）</source>
        <translation> (inactive)</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>已保存：{name}</source>
        <translation>Saved: {name}</translation>
    </message>
</context>
<context>
    <name>TopicCombo</name>
    <message>
        <source>{topic}：{keywords}（主办：{unit}）</source>
        <translation>{topic}: {keywords} (lead: {unit})</translation>
    </message>
    <message>
        <source>输入名称、代码、关键字或拼音首字母，如“停电”“tdian”</source>
        <translation>Type a name, code, keyword or pinyin initials, e.g. “停电” or “tdian”</translation>
    </message>
    <message>
        <source>没有匹配的分类：可输入名称、代码、关键字或拼音首字母</source>
        <translation>No matching topic: type a name, code, keyword or pinyin initials</translation>
    </message>
    <message>
        <source>{count} 项匹配：↓ 选择,Enter 取第一项</source>
        <translation>{count} matches: ↓ to choose, Enter takes the first</translation>
    </message>
    <message>
        <source>{text}（主办：{unit}）</source>
        <translation>{text} (lead: {unit})</translation>
    </message>
    <message>
        <source>代码 {word}</source>
        <translation>code {word}</translation>
    </message>
    <message>
        <source>关键字“{word}”</source>
        <translation>keyword “{word}”</translation>
    </message>
    <message>
        <source>拼音 {word}</source>
        <translation>pinyin {word}</translation>
    </message>
    <message>
        <source>拼音 → 关键字“{word}”</source>
        <translation>pinyin → keyword “{word}”</translation>
    </message>
    <message>
        <source>主办：{unit}</source>
        <translation>lead: {unit}</translation>
    </message>
    <message>
        <source>按{why}选中 · {rest}</source>
        <translation>Chosen by {why} · {rest}</translation>
    </message>
</context>
<context>
    <name>TopicsPage</name>
    <message>
        <source>派单目录</source>
        <translation>Routing catalogue</translation>
    </message>
    <message>
        <source>如 QYZC（大写字母、数字）</source>
        <translation>e.g. QYZC (capital letters, digits)</translation>
    </message>
    <message>
        <source>（顶层）</source>
        <translation>(top level)</translation>
    </message>
    <message>
        <source>（不设默认主办）</source>
        <translation>(no default lead section)</translation>
    </message>
    <message>
        <source>用空格或顿号分隔，如：停电 限电 供电</source>
        <translation>Separate with spaces or 、, e.g. 停电 限电 供电</translation>
    </message>
    <message>
        <source>（由登记员选择）</source>
        <translation>(chosen by the intake clerk)</translation>
    </message>
    <message>
        <source>名称 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>代码 *</source>
        <translation>Code *</translation>
    </message>
    <message>
        <source>上级事项</source>
        <translation>Parent topic</translation>
    </message>
    <message>
        <source>默认主办</source>
        <translation>Default lead</translation>
    </message>
    <message>
        <source>默认协办</source>
        <translation>Default assisting</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>时限类别</source>
        <translation>Time-limit category</translation>
    </message>
    <message>
        <source>新增事项</source>
        <translation>New topic</translation>
    </message>
    <message>
        <source>新增下级事项</source>
        <translation>New sub-topic</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>TopicsStep</name>
    <message>
        <source>第三步：派单目录</source>
        <translation>Step 3: Routing catalogue</translation>
    </message>
    <message>
        <source>沿用内置的派单目录（以后可在“派单目录”中修改）</source>
        <translation>Keep the built-in routing catalogue (it can be changed later under “Routing catalogue”)</translation>
    </message>
    <message>
        <source>按下表保存（可从模板的第二张表导入）</source>
        <translation>Save the table below (it can be imported from the template&apos;s second sheet)</translation>
    </message>
    <message>
        <source>关键词用空格分隔，派单建议和登记时的事项查找都会用到；主办、协办填单位代码。</source>
        <translation>Keywords are separated by spaces; the routing suggestion and the topic search at intake both use them. Lead and assisting units are given by unit code.</translation>
    </message>
</context>
<context>
    <name>TreeAdminPage</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Reactivate</translation>
    </message>
</context>
<context>
    <name>UnitsStep</name>
    <message>
        <source>第二步：科室和直属单位</source>
        <translation>Step 2: Sections and units</translation>
    </message>
    <message>
        <source>逐行填写本单位的科室和直属单位（类型写“科室”或“直属单位”，直属单位填上级科室的代码），也可以先“保存模板…”在 Excel 中填好，再“从模板导入…”。下表已列出现有的单位，按代码修改；这里不删除单位。</source>
        <translation>Enter the bureau&apos;s sections and directly affiliated units one per row (kind “科室” or “直属单位”; a unit gives the code of its parent section), or first “Save template…”, fill it in Excel and “Import from template…”. The table lists the existing units, changed by code; nothing is deleted here.</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
</context>
<context>
    <name>UnreachableDialog</name>
    <message>
        <source>联系不上办结</source>
        <translation>Close as unreachable</translation>
    </message>
    <message>
        <source>如：三天均无人接听，已发短信告知</source>
        <translation>e.g. no answer on three days, an SMS was sent</translation>
    </message>
    <message>
        <source>情况说明 *</source>
        <translation>Note *</translation>
    </message>
</context>
<context>
    <name>UrgeDialog</name>
    <message>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>此前已催办 {count} 次。</source>
        <translation>Urged {count} times before.</translation>
    </message>
    <message>
        <source>该件已临近（或超过）答复期限，请抓紧办理并及时反馈进展。</source>
        <translation>This case is near (or past) its reply deadline: please speed up and report progress.</translation>
    </message>
    <message>
        <source>催办内容 *</source>
        <translation>Urge *</translation>
    </message>
    <message>
        <source>发送催办 (Ctrl+Enter)</source>
        <translation>Send urge (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>修改信息…</source>
        <translation>Edit details…</translation>
    </message>
    <message>
        <source>变更角色…</source>
        <translation>Change roles…</translation>
    </message>
    <message>
        <source>发放/重置密码</source>
        <translation>Issue/reset password</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable/enable</translation>
    </message>
    <message>
        <source>重置动态验证码</source>
        <translation>Reset one-time codes</translation>
    </message>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>（未发放密码）</source>
        <translation> (no password issued)</translation>
    </message>
    <message>
        <source>（待改密）</source>
        <translation> (must change password)</translation>
    </message>
    <message>
        <source>请先选择一个用户</source>
        <translation>Select a user first</translation>
    </message>
    <message>
        <source>用户 {username} 已创建。
账号已建立，请由安全管理员发放初始密码。</source>
        <translation>User {username} was created.
The account exists; the security administrator issues its first password.</translation>
    </message>
    <message>
        <source>用户 {username} 已创建。
临时密码：{password}
请当面交给本人，首次登录须修改密码。</source>
        <translation>User {username} has been created.
Temporary password: {password}
Hand it over in person; it must be changed at the first login.</translation>
    </message>
    <message>
        <source>用户已创建</source>
        <translation>User created</translation>
    </message>
    <message>
        <source>密码已重置</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>初始密码已发放</source>
        <translation>First password issued</translation>
    </message>
    <message>
        <source>{username} 的临时密码：{password}
请当面交给本人，下次登录须修改密码。</source>
        <translation>Temporary password of {username}: {password}
Hand it over in person; it must be changed at the next login.</translation>
    </message>
    <message>
        <source>解除 {username} 的动态验证码绑定？本人可重新绑定。</source>
        <translation>Reset the one-time codes of {username}? They can set them up again.</translation>
    </message>
    <message>
        <source>已解除 {username} 的动态验证码绑定。</source>
        <translation>The one-time codes of {username} were reset.</translation>
    </message>
</context>
<context>
    <name>UsersStep</name>
    <message>
        <source>第四步：首批用户</source>
        <translation>Step 4: First users</translation>
    </message>
    <message>
        <source>每行一个账号；角色写中文名称，多个用顿号分开（如“登记员、办公室督办员”）。安全管理员和审计管理员须单独建账号（三员分立），其临时密码只在下一步显示一次，请当面交给本人，首次登录须修改；业务账号的初始密码由安全管理员发放。</source>
        <translation>One account per row; roles in Chinese, several separated by 、 (e.g. “登记员、办公室督办员”). The security and audit administrators need accounts of their own (separation of the three administrators); their temporary passwords are shown only once, in the next step — hand them over in person; they must be changed at the first login. Business accounts get their initial passwords from the security administrator.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>部门代码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>第 {n} 行：{error}</source>
        <translation>Row {n}: {error}</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>撤回附件</source>
        <translation>Withdraw attachment</translation>
    </message>
    <message>
        <source>例如：误传、与本件无关、已有更清晰的版本</source>
        <translation>e.g. uploaded by mistake, unrelated to this case, a clearer version exists</translation>
    </message>
    <message>
        <source>撤回“{name}”：附件仍保留在办件中并标明已撤回，不会删除。</source>
        <translation>Withdraw “{name}”: the attachment stays in the case marked as withdrawn; it is not deleted.</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>撤回原因：</source>
        <translation>Reason for withdrawal:</translation>
    </message>
</context>
<context>
    <name>WorkBar</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{done} / {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>action_base</name>
    <message>
        <source>{unit}（{person}，{at}）申请退回：{reason}
依据：{basis}</source>
        <translation>{unit} ({person}, {at}) asks to return the case: {reason}
Basis: {basis}</translation>
    </message>
</context>
<context>
    <name>action_shots</name>
    <message>
        <source>经核实，您反映的事项属于我局职责范围。我们已会同相关单位研究处理，将于5个工作日内把处理结果告知您。</source>
        <translation>On checking, the matter you raised is within our bureau&apos;s remit. We have studied it with the units concerned and will tell you the outcome within 5 working days.</translation>
    </message>
    <message>
        <source>赵科长</source>
        <translation>Section Chief Zhao</translation>
    </message>
    <message>
        <source>请补充具体的办理时限和联系人电话。</source>
        <translation>Please add the specific time limit and a contact phone number.</translation>
    </message>
    <message>
        <source>经核实，我们将尽快处理。</source>
        <translation>On checking, we will deal with it as soon as possible.</translation>
    </message>
    <message>
        <source>同意，请按时答复来电人。</source>
        <translation>Approved; please reply to the caller on time.</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>审核答复</source>
        <translation>Review reply</translation>
    </message>
    <message>
        <source>同意退回并改派</source>
        <translation>Approve return and reroute</translation>
    </message>
    <message>
        <source>甄别</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Sign for case</translation>
    </message>
    <message>
        <source>确认签收办件 {case_no}？</source>
        <translation>Sign for case {case_no}?</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>直办</source>
        <translation>Handle directly</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>申请退回</source>
        <translation>Request return</translation>
    </message>
    <message>
        <source>同意退回</source>
        <translation>Approve return</translation>
    </message>
    <message>
        <source>驳回退回</source>
        <translation>Refuse return</translation>
    </message>
    <message>
        <source>指派经办人</source>
        <translation>Assign handler</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>协办意见</source>
        <translation>Give opinion</translation>
    </message>
    <message>
        <source>提交答复</source>
        <translation>Submit reply</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve reply</translation>
    </message>
    <message>
        <source>修改登记信息</source>
        <translation>Edit registration</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>登记答复</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Instruct</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reroute</translation>
    </message>
    <message>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <source>审批延期</source>
        <translation>Decide extension</translation>
    </message>
    <message>
        <source>不同意延期</source>
        <translation>Deny extension</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>阅知催办</source>
        <translation>Acknowledge urge</translation>
    </message>
    <message>
        <source>发督办单</source>
        <translation>Issue order</translation>
    </message>
    <message>
        <source>回复督办</source>
        <translation>Answer order</translation>
    </message>
    <message>
        <source>督办办结</source>
        <translation>Close order</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>联系不上办结</source>
        <translation>Close as unreachable</translation>
    </message>
    <message>
        <source>不回访</source>
        <translation>No callback</translation>
    </message>
    <message>
        <source>甄别为合理</source>
        <translation>Screen as reasonable</translation>
    </message>
    <message>
        <source>甄别为不合理</source>
        <translation>Screen as unreasonable</translation>
    </message>
    <message>
        <source>重办</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>并单</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Link</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>市长热线办件台</source>
        <translation>Mayor&apos;s Hotline Case Desk</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>attachment_shots</name>
    <message>
        <source>来信扫描件（第1-3页）.pdf</source>
        <translation>Scanned letter (pages 1-3).pdf</translation>
    </message>
    <message>
        <source>东门外道路夜间施工现场.jpg</source>
        <translation>Night construction outside the east gate.jpg</translation>
    </message>
    <message>
        <source>施工公告照片.jpg</source>
        <translation>Photo of the construction notice.jpg</translation>
    </message>
    <message>
        <source>来电录音 20261120-0932.mp3</source>
        <translation>Call recording 20261120-0932.mp3</translation>
    </message>
    <message>
        <source>施工时间调整通知.docx</source>
        <translation>Notice of changed construction hours.docx</translation>
    </message>
    <message>
        <source>照片拍错了案件</source>
        <translation>Photo belongs to another case</translation>
    </message>
</context>
<context>
    <name>callback</name>
    <message>
        <source>已解决</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>未解决</source>
        <translation>not resolved</translation>
    </message>
    <message>
        <source>,</source>
        <comment>separator in a callback result</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>（匿名）</source>
        <translation>(anonymous)</translation>
    </message>
    <message>
        <source>来电人：{name}  联系电话：{phone}</source>
        <translation>Caller: {name}  Phone: {phone}</translation>
    </message>
    <message>
        <source>{method}答复于 {at}（主办：{unit}）</source>
        <translation>Replied by {method} at {at} (lead: {unit})</translation>
    </message>
    <message>
        <source>;</source>
        <comment>separator between attempts</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>本轮已回访 {n} 次：{list}</source>
        <translation>Called {n} times this round: {list}</translation>
    </message>
    <message>
        <source>已重办 {n} 次</source>
        <translation>Reopened {n} times</translation>
    </message>
</context>
<context>
    <name>closing_shots</name>
    <message>
        <source>答复说下月解决，但至今没有落实，也没人联系我</source>
        <translation>The reply said it would be solved next month, but nothing has happened and nobody has contacted me</translation>
    </message>
    <message>
        <source>问题已经解决了，就是比预计晚了一周</source>
        <translation>The problem has been solved, only a week later than expected</translation>
    </message>
    <message>
        <source>承办科室答复的办理时限未落实，诉求合理</source>
        <translation>The handling section&apos;s promised time limit was not kept; the complaint is reasonable</translation>
    </message>
    <message>
        <source>李明</source>
        <translation>Li Ming</translation>
    </message>
    <message>
        <source>再次反映：</source>
        <translation>Again: </translation>
    </message>
</context>
<context>
    <name>combo</name>
    <message>
        <source>按文件判断</source>
        <translation>Judge from the file</translation>
    </message>
</context>
<context>
    <name>deadline_view</name>
    <message>
        <source>超期：期限已过、仍在计时的办件；临期：已过预警时间、尚未到期的办件。督办台、姓名旁的提示和导航中的数字按同一口径统计：督办员和领导统计全部在计时的办件，科室人员统计本科室主办或直属单位承办、处于签收或答复环节的办件。</source>
        <translation>Overdue: cases whose deadline has passed and whose clock is still running; near deadline: cases past the warning time but not yet due. The supervision board, the badge beside the name and the navigation count the same cases: supervisors and leaders count every case with a running clock; section staff count their section&apos;s cases (lead, or handled by its unit) at the signing or reply step.</translation>
    </message>
    <message>
        <source>今日超期</source>
        <translation>Overdue today</translation>
    </message>
    <message>
        <source>超期 {n} 个工作日</source>
        <translation>{n} working days overdue</translation>
    </message>
    <message>
        <source>时限 {limit}</source>
        <translation>Time limit {limit}</translation>
    </message>
    <message>
        <source>{days}天</source>
        <translation>{days}d</translation>
    </message>
    <message>
        <source>{days}天{hours}小时</source>
        <translation>{days}d {hours}h</translation>
    </message>
    <message>
        <source>{hours}小时{minutes}分</source>
        <translation>{hours}h {minutes}m</translation>
    </message>
    <message>
        <source>超期 {span}</source>
        <translation>overdue {span}</translation>
    </message>
    <message>
        <source>剩余 {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <source>签收期限</source>
        <translation>Sign-for deadline</translation>
    </message>
    <message>
        <source>答复期限</source>
        <translation>Reply deadline</translation>
    </message>
    <message>
        <source>重办答复期限</source>
        <translation>Reopened reply deadline</translation>
    </message>
    <message>
        <source>回访期限</source>
        <translation>Callback deadline</translation>
    </message>
    <message>
        <source>{clock} {due}</source>
        <translation>{clock} {due}</translation>
    </message>
    <message>
        <source>已延期{days}个工作日</source>
        <translation>extended by {days} working days</translation>
    </message>
    <message>
        <source>催办{count}次</source>
        <translation>urged {count}×</translation>
    </message>
    <message>
        <source>{level}督办中</source>
        <translation>{level} order open</translation>
    </message>
    <message>
        <source>平台截止 {due}</source>
        <translation>Platform deadline {due}</translation>
    </message>
    <message>
        <source>（逾期签收）</source>
        <translation> (signed late)</translation>
    </message>
    <message>
        <source>签收期限：{due}</source>
        <translation>Sign by: {due}</translation>
    </message>
    <message>
        <source>答复期限：{due}（{limit}）</source>
        <translation>Reply by: {due} ({limit})</translation>
    </message>
    <message>
        <source>，原期限 {due}</source>
        <translation>, originally {due}</translation>
    </message>
    <message>
        <source>（逾期答复）</source>
        <translation> (replied late)</translation>
    </message>
    <message>
        <source>回访期限：{due}</source>
        <translation>Call back by: {due}</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>{unit} 申请延期{days}个工作日：{reason}</source>
        <translation>{unit} asked for {days} more working days: {reason}</translation>
    </message>
    <message>
        <source>：{note}</source>
        <translation>: {note}</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>Extension requests</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>{level}督办单</source>
        <translation>{level} order</translation>
    </message>
    <message>
        <source>（限 {due} 前回复）</source>
        <translation> (answer by {due})</translation>
    </message>
    <message>
        <source>回复：{text}</source>
        <translation>Answer: {text}</translation>
    </message>
    <message>
        <source>办结：{text}</source>
        <translation>Closed: {text}</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>时限表中没有适用于“{clock}”的规则</source>
        <translation>The time-limit table has no rule for “{clock}”</translation>
    </message>
    <message>
        <source>无可比数据</source>
        <translation>no comparable data</translation>
    </message>
    <message>
        <source>下降 {points} 个百分点</source>
        <translation>down {points} percentage points</translation>
    </message>
    <message>
        <source>持平</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>增加 {n} 件{pct}</source>
        <translation>up {n} cases{pct}</translation>
    </message>
    <message>
        <source>减少 {n} 件{pct}</source>
        <translation>down {n} cases{pct}</translation>
    </message>
    <message>
        <source>上升 {points} 个百分点</source>
        <translation>up {points} percentage points</translation>
    </message>
    <message>
        <source>延长 {days} 个工作日</source>
        <translation>up {days} working days</translation>
    </message>
    <message>
        <source>缩短 {days} 个工作日</source>
        <translation>down {days} working days</translation>
    </message>
    <message>
        <source>该办件不由您所在的单位承办</source>
        <translation>This case is not handled by your unit</translation>
    </message>
    <message>
        <source>只有承办单位的负责人可以指派经办人</source>
        <translation>Only the head of the handling unit can assign a handler</translation>
    </message>
    <message>
        <source>答复由主办单位负责人审核（直办件由办公室负责人审核）</source>
        <translation>The reply is approved by the head of the lead unit (for cases handled directly, by the head of the office)</translation>
    </message>
    <message>
        <source>须回访满意或基本满意后方可办结</source>
        <translation>The case can be closed only after a callback rated satisfied or basically satisfied</translation>
    </message>
    <message>
        <source>直办件由办公室自行办理，不能申请退回</source>
        <translation>The office handles this case directly; it cannot be returned</translation>
    </message>
    <message>
        <source>您所在的科室不是该办件的协办单位</source>
        <translation>Your section is not an assisting section of this case</translation>
    </message>
    <message>
        <source>协办意见由协办科室的经办人或负责人提交</source>
        <translation>The assisting opinion is submitted by a handler or the head of the assisting section</translation>
    </message>
    <message>
        <source>直办件由办公室自行办理，无需申请延期</source>
        <translation>The office handles this case directly; no extension is needed</translation>
    </message>
    <message>
        <source>已有一份延期申请待办公室审批</source>
        <translation>An extension request is already waiting for the office&apos;s decision</translation>
    </message>
    <message>
        <source>直办件由办公室自行办理，无需催办督办</source>
        <translation>The office handles this case directly; it is not urged or supervised</translation>
    </message>
    <message>
        <source>该办件的回访已经结束</source>
        <translation>The callback of this case has already ended</translation>
    </message>
    <message>
        <source>匿名或要求保密的办件不回访，请标记“不回访”</source>
        <translation>Anonymous or confidential cases get no callback; mark it “No callback”</translation>
    </message>
    <message>
        <source>回访不满意的办件须先甄别</source>
        <translation>A case rated unsatisfied must be screened first</translation>
    </message>
    <message>
        <source>只有待回访的办件可以按“联系不上”办结</source>
        <translation>Only a case awaiting callback can be closed as “Unreachable”</translation>
    </message>
    <message>
        <source>须在{days}个不同的日子回访均未联系上，方可按“联系不上”办结（目前{failed}天）</source>
        <translation>The caller must be unreachable on {days} different days before the case can be closed as “Unreachable” (so far {failed} days)</translation>
    </message>
    <message>
        <source>只有匿名来电或要求保密的办件可以不回访</source>
        <translation>Only anonymous or confidential cases can go without a callback</translation>
    </message>
    <message>
        <source>只有回访不满意、待甄别的办件可以甄别</source>
        <translation>Only a case rated unsatisfied and awaiting screening can be screened</translation>
    </message>
    <message>
        <source>办件当前状态为“{status}”，不能{action}</source>
        <translation>The case is “{status}”; “{action}” is not possible now</translation>
    </message>
    <message>
        <source>您没有“{action}”的权限（需要：{roles}）</source>
        <translation>You are not allowed to “{action}” (requires: {roles})</translation>
    </message>
    <message>
        <source>重要件的答复需局领导审核</source>
        <translation>The reply to an important case needs a bureau leader&apos;s approval</translation>
    </message>
    <message>
        <source>密码至少{n}位</source>
        <translation>The password must have at least {n} characters</translation>
    </message>
    <message>
        <source>密码须包含大写字母、小写字母、数字、符号中的至少{n}类</source>
        <translation>The password must contain at least {n} of: upper-case letters, lower-case letters, digits, symbols</translation>
    </message>
    <message>
        <source>密码过于常见，请换一个</source>
        <translation>This password is too common; choose another</translation>
    </message>
    <message>
        <source>密码不能包含用户名</source>
        <translation>The password must not contain the user name</translation>
    </message>
    <message>
        <source>{first}至{last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>统计期间的结束日期不能早于开始日期</source>
        <translation>The end of the period cannot be before its start</translation>
    </message>
    <message>
        <source>自定义统计期间最长三年</source>
        <translation>A custom period can be at most three years long</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>{year}年第{quarter}季度</source>
        <translation>Q{quarter} {year}</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>统计期间“{key}”无效：应为 2026-11（月）、2026-Q4（季）、2026（年）或 20261101-20261115（自定义）</source>
        <translation>Invalid period “{key}”: use 2026-11 (month), 2026-Q4 (quarter), 2026 (year) or 20261101-20261115 (custom)</translation>
    </message>
    <message>
        <source>系统管理员、安全管理员、审计管理员三个角色不能由同一账号兼任（三员分立）</source>
        <translation>The system, security and audit administrator roles cannot be held by one account (separation of duties)</translation>
    </message>
    <message>
        <source>办理层级只能是 直办、转办科室 或 交办直属单位</source>
        <translation>The tier must be: handled directly, routed to a section, or assigned to an affiliated unit</translation>
    </message>
    <message>
        <source>请选择主办科室（必须是本局在用的科室）</source>
        <translation>Choose the lead section (an active section of the bureau)</translation>
    </message>
    <message>
        <source>改派只能转办科室或交办直属单位</source>
        <translation>A reroute can only go to a section or an affiliated unit</translation>
    </message>
    <message>
        <source>交办须选择一个直属单位</source>
        <translation>Choose an affiliated unit to assign the case to</translation>
    </message>
    <message>
        <source>协办单位只能选择本局在用的科室</source>
        <translation>Assisting units must be active sections of the bureau</translation>
    </message>
    <message>
        <source>拟办意见最多{limit}个字，现有{count}个字</source>
        <translation>The proposed handling may have at most {limit} characters; it has {count}</translation>
    </message>
    <message>
        <source>请填写改派原因</source>
        <translation>Enter the reason for rerouting</translation>
    </message>
    <message>
        <source>请填写{field}</source>
        <translation>Enter the {field}</translation>
    </message>
    <message>
        <source>{field}最多{limit}个字，现有{count}个字</source>
        <translation>{field}: at most {limit} characters; it has {count}</translation>
    </message>
    <message>
        <source>{unit}不归{lead}管理，请选择其主管科室为主办</source>
        <translation>{unit} does not report to {lead}; choose its supervising section as the lead</translation>
    </message>
    <message>
        <source>{unit}已是主办科室，不能同时协办</source>
        <translation>{unit} is already the lead section; it cannot also assist</translation>
    </message>
    <message>
        <source>协办科室重复</source>
        <translation>An assisting section is listed twice</translation>
    </message>
    <message>
        <source>原因最多{limit}个字</source>
        <translation>The reason may have at most {limit} characters</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>channel</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>time received</translation>
    </message>
    <message>
        <source>平台工单号</source>
        <translation>platform ticket number</translation>
    </message>
    <message>
        <source>来电人/来信人</source>
        <translation>caller or writer</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>phone number</translation>
    </message>
    <message>
        <source>联系地址</source>
        <translation>address</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>request type</translation>
    </message>
    <message>
        <source>事项分类</source>
        <translation>topic</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>urgency</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>title</translation>
    </message>
    <message>
        <source>诉求内容</source>
        <translation>request</translation>
    </message>
    <message>
        <source>请选择事项分类（可输入关键字查找）</source>
        <translation>Choose a topic (type a keyword to search)</translation>
    </message>
    <message>
        <source>请填写受理时间</source>
        <translation>Enter the time received</translation>
    </message>
    <message>
        <source>请填写来电人/来信人姓名（匿名来电请勾选“匿名”）</source>
        <translation>Enter the caller&apos;s or writer&apos;s name (for an anonymous call, tick “Anonymous”)</translation>
    </message>
    <message>
        <source>请填写标题（一句话概括诉求）</source>
        <translation>Enter a title (the request in one sentence)</translation>
    </message>
    <message>
        <source>请填写诉求内容</source>
        <translation>Enter the request</translation>
    </message>
    <message>
        <source>请选择来源渠道：{choices}</source>
        <translation>Choose a channel: {choices}</translation>
    </message>
    <message>
        <source>请选择诉求类型：{choices}</source>
        <translation>Choose a request type: {choices}</translation>
    </message>
    <message>
        <source>请选择紧急程度：{choices}</source>
        <translation>Choose an urgency: {choices}</translation>
    </message>
    <message>
        <source>联系电话应为11位手机号（如13812345678）或带区号的固定电话（如0571-87654321）</source>
        <translation>The phone number must be an 11-digit mobile number (e.g. 13812345678) or a landline with area code (e.g. 0571-87654321)</translation>
    </message>
    <message>
        <source>请填写联系电话，用于答复和回访（匿名来电可不填）</source>
        <translation>Enter a phone number for the reply and the callback (optional for anonymous calls)</translation>
    </message>
    <message>
        <source>12345平台转办的办件必须填写平台工单号</source>
        <translation>A case forwarded by the 12345 platform needs its platform ticket number</translation>
    </message>
    <message>
        <source>平台工单号最多{limit}个字符</source>
        <translation>The platform ticket number may have at most {limit} characters</translation>
    </message>
    <message>
        <source>平台工单号只能包含字母、数字、“-”和“_”</source>
        <translation>The platform ticket number may contain only letters, digits, “-” and “_”</translation>
    </message>
    <message>
        <source>用户名或密码不正确</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>连续输错密码次数过多，账号已锁定，请{minutes}分钟后再试或联系安全管理员</source>
        <translation>Too many wrong passwords: the account is locked. Try again in {minutes} minutes or contact the security administrator</translation>
    </message>
    <message>
        <source>该账号已设置过密码，请直接登录</source>
        <translation>This account already has a password; please log in</translation>
    </message>
    <message>
        <source>账号不存在</source>
        <translation>No such account</translation>
    </message>
    <message>
        <source>新密码不能与原密码相同</source>
        <translation>The new password must differ from the old one</translation>
    </message>
    <message>
        <source>该账号尚未设置密码，请先设置初始密码</source>
        <translation>This account has no password yet; set the initial password first</translation>
    </message>
    <message>
        <source>原密码不正确</source>
        <translation>The old password is wrong</translation>
    </message>
    <message>
        <source>您的密码刚被管理员重置，请用新密码重新登录后再修改</source>
        <translation>Your password was just reset by an administrator; log in with the new password and change it then</translation>
    </message>
    <message>
        <source>连续{n}次输错密码，账号已锁定{minutes}分钟</source>
        <translation>{n} wrong passwords in a row: the account is locked for {minutes} minutes</translation>
    </message>
    <message>
        <source>{wrong}（再错{left}次将锁定账号）</source>
        <translation>{wrong} ({left} more wrong attempts lock the account)</translation>
    </message>
    <message>
        <source>查询内容</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>空字符(NUL)</source>
        <translation>a NUL character</translation>
    </message>
    <message>
        <source>无效的Unicode字符</source>
        <translation>an invalid Unicode character</translation>
    </message>
    <message>
        <source>文字方向控制字符</source>
        <translation>a text-direction control character</translation>
    </message>
    <message>
        <source>{field}应为文字</source>
        <translation>{field} must be text</translation>
    </message>
    <message>
        <source>{field}超出范围</source>
        <translation>{field} is out of range</translation>
    </message>
    <message>
        <source>{field}超出范围（2000年至2199年）</source>
        <translation>{field} is out of range (2000 to 2199)</translation>
    </message>
    <message>
        <source>{field}不能早于2000年1月1日</source>
        <translation>{field} cannot be before 1 January 2000</translation>
    </message>
    <message>
        <source>{field}不能晚于当前时间</source>
        <translation>{field} cannot be later than now</translation>
    </message>
    <message>
        <source>换行符</source>
        <translation>a line break</translation>
    </message>
    <message>
        <source>控制字符</source>
        <translation>a control character</translation>
    </message>
    <message>
        <source>{field}不能包含{kind}</source>
        <translation>{field} cannot contain {kind}</translation>
    </message>
    <message>
        <source>该账号尚未发放初始密码，请联系安全管理员</source>
        <translation>No password has been issued for this account yet; ask the security administrator</translation>
    </message>
    <message>
        <source>维护工作日历</source>
        <translation>maintain the work calendar</translation>
    </message>
    <message>
        <source>年份须在 1990–2100 之间</source>
        <translation>The year must be between 1990 and 2100</translation>
    </message>
    <message>
        <source>名称最多 {limit} 个字</source>
        <translation>The name may have at most {limit} characters</translation>
    </message>
    <message>
        <source>单位名称（用于交办单、答复函抬头）</source>
        <translation>Bureau name (heading of slips and reply letters)</translation>
    </message>
    <message>
        <source>答复时限起算</source>
        <translation>Reply time limit counts from</translation>
    </message>
    <message>
        <source>单次延期最多工作日数</source>
        <translation>Longest extension (working days)</translation>
    </message>
    <message>
        <source>回访联系不上的尝试次数</source>
        <translation>Callback attempts before unreachable</translation>
    </message>
    <message>
        <source>重复件比对天数</source>
        <translation>Days to look back for duplicates</translation>
    </message>
    <message>
        <source>满意率计入“基本满意”</source>
        <translation>Satisfaction rate counts “basically satisfied”</translation>
    </message>
    <message>
        <source>红黑榜达标线（按时办结率、满意率）</source>
        <translation>Ranking threshold (on-time and satisfaction rates)</translation>
    </message>
    <message>
        <source>PDF 中文字体文件（留空自动查找）</source>
        <translation>PDF Chinese font file (empty: find one)</translation>
    </message>
    <message>
        <source>备份保留份数（自动、手动、升级前各保留最近几份）</source>
        <translation>Backups kept (the latest of each kind: automatic, manual, before upgrade)</translation>
    </message>
    <message>
        <source>工作日历版本（内部）</source>
        <translation>Work calendar version (internal)</translation>
    </message>
    <message>
        <source>时限表版本（内部）</source>
        <translation>Time-limit table version (internal)</translation>
    </message>
    <message>
        <source>期限起算规则版本（内部）</source>
        <translation>Deadline start rules version (internal)</translation>
    </message>
    <message>
        <source>修改单位设置</source>
        <translation>change the office settings</translation>
    </message>
    <message>
        <source>字体写法为“文件路径”或“文件路径#序号”</source>
        <translation>Write the font as “file path” or “file path#index”</translation>
    </message>
    <message>
        <source>所选文件不是可嵌入的 TrueType 中文字体（PostScript 轮廓的 OpenType 字体无法嵌入），请另选字体</source>
        <translation>The chosen file is not an embeddable TrueType Chinese font (OpenType fonts with PostScript outlines cannot be embedded); choose another font</translation>
    </message>
    <message>
        <source>没有这项设置</source>
        <translation>No such setting</translation>
    </message>
    <message>
        <source>“{setting}”只能是：{allowed}</source>
        <translation>“{setting}” must be one of: {allowed}</translation>
    </message>
    <message>
        <source>请先在“系统 → 双因素认证”为自己绑定动态验证码，再开启此项</source>
        <translation>First set up one-time codes for yourself under “System → Two-factor authentication”, then turn this on</translation>
    </message>
    <message>
        <source>“{setting}”的值无效</source>
        <translation>Invalid value for “{setting}”</translation>
    </message>
    <message>
        <source>“{setting}”须为 1–{limit} 个字</source>
        <translation>“{setting}” must have 1–{limit} characters</translation>
    </message>
    <message>
        <source>“{setting}”须在 {low} 到 {high} 之间</source>
        <translation>“{setting}” must be between {low} and {high}</translation>
    </message>
    <message>
        <source>请先绑定动态验证码</source>
        <translation>Set up one-time codes first</translation>
    </message>
    <message>
        <source>维护时限设置</source>
        <translation>maintain the time limits</translation>
    </message>
    <message>
        <source>按新时限重算</source>
        <translation>recompute deadlines with the new limits</translation>
    </message>
    <message>
        <source>时限类型</source>
        <translation>clock</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>时限须为 1–{most}{unit}</source>
        <translation>The limit must be 1–{most} {unit}</translation>
    </message>
    <message>
        <source>已有一条相同条件的有效时限规则，请修改那一条</source>
        <translation>An active rule with the same conditions exists; edit that one</translation>
    </message>
    <message>
        <source>请选择{field}</source>
        <translation>Choose the {field}</translation>
    </message>
    <message>
        <source>请选择{field}（或“不限”）</source>
        <translation>Choose the {field} (or “Any”)</translation>
    </message>
    <message>
        <source>时限规则不存在</source>
        <translation>No such time-limit rule</translation>
    </message>
    <message>
        <source>“{clock}”时限须保留一条不限条件的通用规则，不能停用或改窄</source>
        <translation>The “{clock}” limit must keep one general rule without conditions; it cannot be deactivated or narrowed</translation>
    </message>
    <message>
        <source>按调整后的时限规则重算期限</source>
        <translation>Deadlines recomputed with the revised time limits</translation>
    </message>
    <message>
        <source>管理用户</source>
        <translation>manage users</translation>
    </message>
    <message>
        <source>用户名须以字母开头，由2-32位字母、数字、下划线或点组成</source>
        <translation>The user name must start with a letter and have 2-32 letters, digits, underscores or dots</translation>
    </message>
    <message>
        <source>请填写姓名（最多64个字）</source>
        <translation>Enter the name (at most 64 characters)</translation>
    </message>
    <message>
        <source>请至少选择一个角色</source>
        <translation>Choose at least one role</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>create users</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>reset passwords</translation>
    </message>
    <message>
        <source>停用/启用账号</source>
        <translation>disable or enable accounts</translation>
    </message>
    <message>
        <source>业务角色只能由系统管理员授予</source>
        <translation>Business roles can be granted only by the system administrator</translation>
    </message>
    <message>
        <source>未知角色：{roles}</source>
        <translation>Unknown roles: {roles}</translation>
    </message>
    <message>
        <source>发放或重置业务账号密码</source>
        <translation>issue or reset business account passwords</translation>
    </message>
    <message>
        <source>不能停用自己的账号</source>
        <translation>You cannot disable your own account</translation>
    </message>
    <message>
        <source>请选择有效的所属部门</source>
        <translation>Choose a valid unit</translation>
    </message>
    <message>
        <source>用户不存在</source>
        <translation>No such user</translation>
    </message>
    <message>
        <source>用户名 {username} 已存在</source>
        <translation>The user name {username} is already taken</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>view the audit log</translation>
    </message>
    <message>
        <source>校验审计日志</source>
        <translation>verify the audit log</translation>
    </message>
    <message>
        <source>密码不能包含您的姓名或单位名称</source>
        <translation>The password must not contain your name or the bureau name</translation>
    </message>
    <message>
        <source>管理员角色不能与业务角色兼任（三员分立），请为业务工作另建账号</source>
        <translation>Administrator roles cannot be held together with business roles (separation of duties); create another account for business work</translation>
    </message>
    <message>
        <source>只有管理员可以确认或拒绝管理员账号的变更请求</source>
        <translation>Only an administrator can confirm or refuse an administrator request</translation>
    </message>
    <message>
        <source>不能确认或拒绝自己提出的请求，须由另一名管理员办理（双人控制）</source>
        <translation>You cannot confirm or refuse your own request; another administrator must deal with it (dual control)</translation>
    </message>
    <message>
        <source>请求涉及您本人的账号，须由另一名管理员确认</source>
        <translation>The request concerns your own account; another administrator must confirm it</translation>
    </message>
    <message>
        <source>请求人与您同为该类管理员，须由其他类别的管理员确认（三员分立）</source>
        <translation>The requester is the same kind of administrator as you; an administrator of another kind must confirm it (separation of duties)</translation>
    </message>
    <message>
        <source>请求涉及与您同类的管理员账号，须由其他类别的管理员确认（三员分立）</source>
        <translation>The request concerns an administrator account of your own kind; an administrator of another kind must confirm it (separation of duties)</translation>
    </message>
    <message>
        <source>本数据库没有可用的安装码，不能设置初始密码；请联系创建数据库的管理员</source>
        <translation>This database has no usable setup code, so the initial password cannot be set; contact the administrator who created the database</translation>
    </message>
    <message>
        <source>账号已停用，请重新登录</source>
        <translation>The account has been disabled; please log in again</translation>
    </message>
    <message>
        <source>曾设立的管理员角色（内部）</source>
        <translation>Administrator roles set up so far (internal)</translation>
    </message>
    <message>
        <source>查看管理员变更请求</source>
        <translation>view administrator requests</translation>
    </message>
    <message>
        <source>确认管理员变更请求</source>
        <translation>confirm administrator requests</translation>
    </message>
    <message>
        <source>拒绝管理员变更请求</source>
        <translation>refuse administrator requests</translation>
    </message>
    <message>
        <source>不能对自己的账号提出管理员变更请求（改自己的密码请用“修改密码”）</source>
        <translation>You cannot make an administrator request about your own account (to change your own password, use “Change password”)</translation>
    </message>
    <message>
        <source>该请求已处理，不能再确认或拒绝</source>
        <translation>This request has already been dealt with and can no longer be confirmed or refused</translation>
    </message>
    <message>
        <source>该请求已超过{days}天未处理，已过期；如仍需要，请重新提出</source>
        <translation>This request was not dealt with within {days} days and has expired; if it is still needed, submit it again</translation>
    </message>
    <message>
        <source>请求人已停用或已不是管理员，该请求不能再确认</source>
        <translation>The requester has been disabled or is no longer an administrator, so the request can no longer be confirmed</translation>
    </message>
    <message>
        <source>请求不存在</source>
        <translation>No such request</translation>
    </message>
    <message>
        <source>只有请求人本人可以撤回请求</source>
        <translation>Only the requester can withdraw the request</translation>
    </message>
    <message>
        <source>该请求已处理，不能撤回</source>
        <translation>This request has already been dealt with and cannot be withdrawn</translation>
    </message>
    <message>
        <source>已有同一事项的待确认请求（编号 {id}）</source>
        <translation>A request for the same change is already awaiting confirmation (no. {id})</translation>
    </message>
    <message>
        <source>管理员登录须使用双因素认证（动态验证码）</source>
        <translation>Administrators must log in with two-factor authentication (one-time code)</translation>
    </message>
    <message>
        <source>密码有效期（天，0 表示不过期）</source>
        <translation>Password expiry (days; 0: never expires)</translation>
    </message>
    <message>
        <source>无操作自动锁屏（分钟，0 表示不锁屏）</source>
        <translation>Screen lock after inactivity (minutes; 0: never lock)</translation>
    </message>
    <message>
        <source>“{setting}”只能由{role}修改</source>
        <translation>Only the {role} can change “{setting}”</translation>
    </message>
    <message>
        <source>新密码不能与最近{n}次使用过的密码相同</source>
        <translation>The new password must differ from your last {n} passwords</translation>
    </message>
    <message>
        <source>您正在使用管理员发放的临时密码，请先设置自己的密码</source>
        <translation>You are using a temporary password issued by an administrator; set your own password first</translation>
    </message>
    <message>
        <source>含有姓名、单位名称、地名、品牌或常见词语</source>
        <translation>it contains a name, the bureau name, a place name, a brand or a common word</translation>
    </message>
    <message>
        <source>组合太简单</source>
        <translation>the combination is too simple</translation>
    </message>
    <message>
        <source>键盘上连成一行的键很容易被猜到</source>
        <translation>straight rows of keys are easy to guess</translation>
    </message>
    <message>
        <source>键盘上相邻的键很容易被猜到</source>
        <translation>adjacent keys on the keyboard are easy to guess</translation>
    </message>
    <message>
        <source>重复的字符（如 aaa）很容易被猜到</source>
        <translation>repeated characters (like aaa) are easy to guess</translation>
    </message>
    <message>
        <source>重复的片段（如 abcabc）很容易被猜到</source>
        <translation>repeated chunks (like abcabc) are easy to guess</translation>
    </message>
    <message>
        <source>连续的字母或数字（如 abc、6543）很容易被猜到</source>
        <translation>sequences of letters or digits (like abc, 6543) are easy to guess</translation>
    </message>
    <message>
        <source>年份很容易被猜到</source>
        <translation>years are easy to guess</translation>
    </message>
    <message>
        <source>日期很容易被猜到</source>
        <translation>dates are easy to guess</translation>
    </message>
    <message>
        <source>这是最常见的密码之一</source>
        <translation>this is one of the most common passwords</translation>
    </message>
    <message>
        <source>这是很常见的密码</source>
        <translation>this is a very common password</translation>
    </message>
    <message>
        <source>与常见密码过于相似</source>
        <translation>it is too similar to a common password</translation>
    </message>
    <message>
        <source>单个词语很容易被猜到</source>
        <translation>a single word is easy to guess</translation>
    </message>
    <message>
        <source>姓名很容易被猜到</source>
        <translation>names are easy to guess</translation>
    </message>
    <message>
        <source>常见的姓名很容易被猜到</source>
        <translation>common names are easy to guess</translation>
    </message>
    <message>
        <source>您的密码已超过{days}天未修改，已过期，请先修改密码</source>
        <translation>Your password has not been changed for more than {days} days and has expired; change it first</translation>
    </message>
    <message>
        <source>密码太容易被猜到：{reason}</source>
        <translation>The password is too easy to guess: {reason}</translation>
    </message>
    <message>
        <source>动态验证码不正确或已用过</source>
        <translation>The one-time code is wrong or has already been used</translation>
    </message>
    <message>
        <source>重置双因素认证</source>
        <translation>reset two-factor authentication</translation>
    </message>
    <message>
        <source>账号不存在或已停用</source>
        <translation>The account does not exist or has been disabled</translation>
    </message>
    <message>
        <source>请填写{field}，如{forms}</source>
        <translation>Please fill in {field}, e.g. {forms}</translation>
    </message>
    <message>
        <source>{field}“{text}”无法识别，请按{forms}填写</source>
        <translation>{field} “{text}” cannot be read; please write it as {forms}</translation>
    </message>
    <message>
        <source>“{name}”已停用，请选择在用的部门</source>
        <translation>“{name}” is deactivated; choose a department in use</translation>
    </message>
    <message>
        <source>单位简称（用于答复函文号）</source>
        <translation>Bureau short name (for reply letter numbers)</translation>
    </message>
    <message>
        <source>答复函文号格式（可用 {bureau_short} 简称、{year} 年份、{seq} 序号、{case_no} 办件编号）</source>
        <translation>Reply letter number pattern ({bureau_short} short name, {year} year, {seq} sequence, {case_no} case number may be used)</translation>
    </message>
    <message>
        <source>答复函联系人</source>
        <translation>Reply letter contact person</translation>
    </message>
    <message>
        <source>答复函联系电话</source>
        <translation>Reply letter contact phone</translation>
    </message>
    <message>
        <source>办理结果回传的联系电话（12345平台回访时联系本单位）</source>
        <translation>Contact phone in the handling results sent back (for the 12345 platform&apos;s follow-up calls to this bureau)</translation>
    </message>
    <message>
        <source>附件大小上限（MB，每个文件）</source>
        <translation>Attachment size limit (MB per file)</translation>
    </message>
    <message>
        <source>答复函 Word 模板（内部，base64）</source>
        <translation>Reply letter Word template (internal, base64)</translation>
    </message>
    <message>
        <source>文号格式只能使用 {fields}，且须含序号 {seq} 或办件编号 {case_no}</source>
        <translation>The letter number pattern may only use {fields} and must contain the sequence {seq} or the case number {case_no}</translation>
    </message>
    <message>
        <source>维护组织机构</source>
        <translation>Maintain the organisation</translation>
    </message>
    <message>
        <source>单位不存在</source>
        <translation>The org unit does not exist</translation>
    </message>
    <message>
        <source>代码须以字母开头，由 2–32 位大写字母、数字或下划线组成</source>
        <translation>The code must start with a letter and have 2–32 capital letters, digits or underscores</translation>
    </message>
    <message>
        <source>请填写名称（最多 64 个字）</source>
        <translation>Enter a name (at most 64 characters)</translation>
    </message>
    <message>
        <source>请选择类型（办公室、科室或直属单位）</source>
        <translation>Choose a kind (office, section or directly affiliated unit)</translation>
    </message>
    <message>
        <source>负责人姓名最多 64 个字</source>
        <translation>The head&apos;s name may have at most 64 characters</translation>
    </message>
    <message>
        <source>所选负责人账号不存在</source>
        <translation>The chosen head account does not exist</translation>
    </message>
    <message>
        <source>联系电话只能由数字、+、-、括号、空格和“转”组成（3–32 位）</source>
        <translation>A phone number may contain only digits, +, -, brackets, spaces and the extension mark (3–32 characters)</translation>
    </message>
    <message>
        <source>上级单位不存在</source>
        <translation>The parent unit does not exist</translation>
    </message>
    <message>
        <source>科室的上级只能是办公室或不设上级</source>
        <translation>A section&apos;s parent can only be the office or none</translation>
    </message>
    <message>
        <source>直属单位的上级须为科室或办公室</source>
        <translation>A directly affiliated unit&apos;s parent must be a section or the office</translation>
    </message>
    <message>
        <source>不能把单位移到它自己或它的下级之下</source>
        <translation>A unit cannot be moved under itself or one of its own units</translation>
    </message>
    <message>
        <source>上级单位“{name}”已停用</source>
        <translation>The parent unit “{name}” is deactivated</translation>
    </message>
    <message>
        <source>办公室承担受理和督办，不能停用</source>
        <translation>The office handles intake and supervision and cannot be deactivated</translation>
    </message>
    <message>
        <source>“{name}”下还有 {n} 个在用的直属单位，请先停用或移走它们</source>
        <translation>“{name}” still has {n} affiliated units in use; deactivate or move them first</translation>
    </message>
    <message>
        <source>“{name}”还有 {n} 件未办结的办件，请先改派或办结后再停用</source>
        <translation>“{name}” still has {n} open cases; reroute or close them before deactivating</translation>
    </message>
    <message>
        <source>“{name}”还有 {n} 个在用账号，请先调整其所属部门或停用账号</source>
        <translation>“{name}” still has {n} accounts in use; change their department or disable them first</translation>
    </message>
    <message>
        <source>派单目录中有 {n} 个事项以“{name}”为默认主办科室，请先改为其他科室</source>
        <translation>{n} topics of the routing catalogue have “{name}” as their default lead section; change them to another section first</translation>
    </message>
    <message>
        <source>代码 {code} 已被其他单位使用</source>
        <translation>Code {code} is already used by another unit</translation>
    </message>
    <message>
        <source>已有名为“{name}”的单位</source>
        <translation>A unit named “{name}” already exists</translation>
    </message>
    <message>
        <source>办公室不能设上级单位</source>
        <translation>The office cannot have a parent unit</translation>
    </message>
    <message>
        <source>已有一个办公室，本单位只能有一个办公室</source>
        <translation>There is already an office; a bureau has only one</translation>
    </message>
    <message>
        <source>直属单位须选择上级科室</source>
        <translation>A directly affiliated unit needs a parent section</translation>
    </message>
    <message>
        <source>上级单位已停用，请先启用上级单位</source>
        <translation>The parent unit is deactivated; reactivate it first</translation>
    </message>
    <message>
        <source>已有单位的类型不能更改，请新建单位</source>
        <translation>An existing unit&apos;s kind cannot be changed; create a new unit</translation>
    </message>
    <message>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <source>“{name}”有 {cases} 件办件、{users} 个账号，不能删除（可改为停用）</source>
        <translation>“{name}” has {cases} cases and {users} accounts and cannot be deleted (deactivate it instead)</translation>
    </message>
    <message>
        <source>“{name}”下有 {children} 个单位，派单目录有 {topics} 个事项用到它，不能删除</source>
        <translation>{children} units are under “{name}” and {topics} topics of the routing catalogue use it; it cannot be deleted</translation>
    </message>
    <message>
        <source>无法读取“{name}”：不是 XLSX 工作簿</source>
        <translation>Cannot read “{name}”: not an XLSX workbook</translation>
    </message>
    <message>
        <source>请输入手机验证器上的6位动态验证码（或一个恢复码）</source>
        <translation>Enter the 6-digit one-time code from the authenticator app on your phone (or a recovery code)</translation>
    </message>
    <message>
        <source>请输入验证器上显示的6位数字</source>
        <translation>Enter the 6 digits shown in the authenticator app</translation>
    </message>
    <message>
        <source>密钥无效，请重新开始绑定</source>
        <translation>The key is invalid; start the setup again</translation>
    </message>
    <message>
        <source>您已绑定动态验证码；如需更换手机，请先停用再重新绑定</source>
        <translation>One-time codes are already set up for you; to change phones, turn them off first and set them up again</translation>
    </message>
    <message>
        <source>验证码不正确：请确认手机时间准确，输入验证器当前显示的6位数字</source>
        <translation>Wrong code: make sure the phone&apos;s clock is right and enter the 6 digits the app shows now</translation>
    </message>
    <message>
        <source>您尚未绑定动态验证码</source>
        <translation>You have not set up one-time codes</translation>
    </message>
    <message>
        <source>动态验证码或恢复码不正确（或已用过）</source>
        <translation>The one-time code or recovery code is wrong (or has already been used)</translation>
    </message>
    <message>
        <source>请先修改密码</source>
        <translation>Change your password first</translation>
    </message>
    <message>
        <source>{why}，请重新登录</source>
        <translation>{why}; please log in again</translation>
    </message>
    <message>
        <source>账号已不存在</source>
        <translation>The account no longer exists</translation>
    </message>
    <message>
        <source>账号已停用</source>
        <translation>The account has been disabled</translation>
    </message>
    <message>
        <source>角色已变更</source>
        <translation>Your roles have changed</translation>
    </message>
    <message>
        <source>密码已被重置</source>
        <translation>The password has been reset</translation>
    </message>
    <message>
        <source>账号已被管理员变更</source>
        <translation>An administrator has changed the account</translation>
    </message>
    <message>
        <source>首次设置向导进度（内部）</source>
        <translation>First-run assistant progress (internal)</translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First-run set-up</translation>
    </message>
    <message>
        <source>维护派单目录</source>
        <translation>Maintain the routing catalogue</translation>
    </message>
    <message>
        <source>第 {n} 行：{message}</source>
        <translation>Row {n}: {message}</translation>
    </message>
    <message>
        <source>第 {n} 行：上级代码 {code} 不存在（上级须写在下级之前）</source>
        <translation>Row {n}: parent code {code} does not exist (parents must come before their children)</translation>
    </message>
    <message>
        <source>第 {n} 行：找不到 {codes}</source>
        <translation>Row {n}: {codes} not found</translation>
    </message>
    <message>
        <source>首次启动安装码（内部）</source>
        <translation>First-start setup code (internal)</translation>
    </message>
    <message>
        <source>安装码输错次数过多，已锁定，请{minutes}分钟后再试</source>
        <translation>Too many wrong setup codes: locked. Try again in {minutes} minutes</translation>
    </message>
    <message>
        <source>安装码不正确（再错{left}次将锁定）</source>
        <translation>Wrong setup code ({left} more wrong attempts lock it)</translation>
    </message>
    <message>
        <source>连续{n}次输错安装码，已锁定{minutes}分钟</source>
        <translation>{n} wrong setup codes in a row: locked for {minutes} minutes</translation>
    </message>
    <message>
        <source>事项分类不存在</source>
        <translation>The topic does not exist</translation>
    </message>
    <message>
        <source>默认主办须为在用的科室或直属单位</source>
        <translation>The default lead must be a section or unit in use</translation>
    </message>
    <message>
        <source>协办单位须为在用的科室或直属单位</source>
        <translation>Assisting units must be sections or units in use</translation>
    </message>
    <message>
        <source>关键词每个最多 {n} 个字：{words}</source>
        <translation>Each keyword may have at most {n} characters: {words}</translation>
    </message>
    <message>
        <source>请选择诉求类型（或“由登记员选择”）</source>
        <translation>Choose a request type (or “chosen by the intake clerk”)</translation>
    </message>
    <message>
        <source>代码 {code} 已被其他事项使用</source>
        <translation>Code {code} is already used by another topic</translation>
    </message>
    <message>
        <source>上级事项不存在</source>
        <translation>The parent topic does not exist</translation>
    </message>
    <message>
        <source>默认主办科室不必再列为协办</source>
        <translation>The default lead section need not also be listed as assisting</translation>
    </message>
    <message>
        <source>关键词合计最多 {n} 个字</source>
        <translation>Keywords may have at most {n} characters in all</translation>
    </message>
    <message>
        <source>不能把事项移到它自己或它的下级之下</source>
        <translation>A topic cannot be moved under itself or one of its own sub-topics</translation>
    </message>
    <message>
        <source>上级事项已停用，请先启用上级事项</source>
        <translation>The parent topic is deactivated; reactivate it first</translation>
    </message>
    <message>
        <source>“{name}”下还有 {n} 个在用的事项，请先停用它们</source>
        <translation>“{name}” still has {n} sub-topics in use; deactivate them first</translation>
    </message>
    <message>
        <source>变更角色</source>
        <translation>change roles</translation>
    </message>
    <message>
        <source>修改用户信息</source>
        <translation>Edit user details</translation>
    </message>
    <message>
        <source>请填写姓名（最多 64 个字）</source>
        <translation>Enter a name (at most 64 characters)</translation>
    </message>
    <message>
        <source>角色没有变化</source>
        <translation>The roles are unchanged</translation>
    </message>
    <message>
        <source>姓名和所属部门都没有变化</source>
        <translation>Neither the name nor the department changed</translation>
    </message>
    <message>
        <source>不能重置自己的动态验证码：请在“系统 → 双因素认证”中用验证码或恢复码停用后重新绑定</source>
        <translation>You cannot reset your own one-time codes: turn them off in “System → Two-factor authentication” with a code or a recovery code, then set them up again</translation>
    </message>
    <message>
        <source>该管理员尚未绑定动态验证码，无需重置</source>
        <translation>This administrator has no one-time codes set up; there is nothing to reset</translation>
    </message>
    <message>
        <source>文件大小：{size} 超过上限，每个附件最大 {max_mb} MB（单位设置“附件大小上限”）</source>
        <translation>File size: {size} exceeds the limit; each attachment may be at most {max_mb} MB (office setting “Attachment size limit”)</translation>
    </message>
    <message>
        <source>文件类型：{name} 是{what}，不能作为附件；允许的类型：{allowed}</source>
        <translation>File type: {name} is {what} and cannot be attached; allowed types: {allowed}</translation>
    </message>
    <message>
        <source>文件：无法读取 {name}（{why}）</source>
        <translation>File: cannot read {name} ({why})</translation>
    </message>
    <message>
        <source>文件：{name} 是空文件</source>
        <translation>File: {name} is empty</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <source>附件不存在或您无权查看</source>
        <translation>The attachment does not exist or you may not view it</translation>
    </message>
    <message>
        <source>来电人要求保密，{kind}不向承办单位提供，请经办公室转达</source>
        <translation>The caller asked for confidentiality; {kind} is not given to the handling units — please pass it on through the office</translation>
    </message>
    <message>
        <source>添加附件：{name}（{kind}，{size}）</source>
        <translation>Attachment added: {name} ({kind}, {size})</translation>
    </message>
    <message>
        <source>撤回附件：{name}（{kind}）。原因：{reason}</source>
        <translation>Attachment withdrawn: {name} ({kind}). Reason: {reason}</translation>
    </message>
    <message>
        <source>附件类型：只能是{choices}</source>
        <translation>Attachment kind: must be one of {choices}</translation>
    </message>
    <message>
        <source>用途：只能是{choices}</source>
        <translation>Purpose: must be one of {choices}</translation>
    </message>
    <message>
        <source>只有添加此附件的人或办公室督办员可以撤回附件</source>
        <translation>Only the person who added this attachment or the office supervisor may withdraw it</translation>
    </message>
    <message>
        <source>保存位置：无法写入 {path}（{why}）</source>
        <translation>Save location: cannot write {path} ({why})</translation>
    </message>
    <message>
        <source>附件已于 {at} 撤回</source>
        <translation>The attachment was withdrawn on {at}</translation>
    </message>
    <message>
        <source>导出审计检查点</source>
        <translation>export audit checkpoints</translation>
    </message>
    <message>
        <source>导出审计密钥</source>
        <translation>export the audit key</translation>
    </message>
    <message>
        <source>审计链头记录缺失，无法导出检查点</source>
        <translation>The audit chain head record is missing, so no checkpoint can be exported</translation>
    </message>
    <message>
        <source>检查点（第 {row} 行）的签名不符：检查点是伪造的或属于其他密钥</source>
        <translation>The signature of the checkpoint (row {row}) does not match: the checkpoint is forged or belongs to another key</translation>
    </message>
    <message>
        <source>检查点属于另一个数据库</source>
        <translation>The checkpoint belongs to another database</translation>
    </message>
    <message>
        <source>检查点记录到第 {row} 行，日志却只到第 {last} 行：尾部被截断</source>
        <translation>The checkpoint reaches row {row}, but the log ends at row {last}: its end was cut off</translation>
    </message>
    <message>
        <source>第 {row} 行与 {at} 的检查点不符：此前的日志被改写</source>
        <translation>Row {row} does not match the checkpoint of {at}: the log before it was rewritten</translation>
    </message>
    <message>
        <source>审计链头记录缺失，无法导出密钥</source>
        <translation>The audit chain head record is missing, so the key cannot be exported</translation>
    </message>
    <message>
        <source>该密钥文件属于另一个数据库，未导入</source>
        <translation>This key file belongs to another database; not imported</translation>
    </message>
    <message>
        <source>该密钥的指纹与数据库记录的不符，未导入</source>
        <translation>This key&apos;s fingerprint does not match the one recorded in the database; not imported</translation>
    </message>
    <message>
        <source>本机已保存此数据库的另一把审计密钥，未导入；确需替换请加 --replace（将记入审计日志）</source>
        <translation>This computer already holds another audit key for this database; nothing was imported. To replace it, add --replace (recorded in the audit log)</translation>
    </message>
    <message>
        <source>不是办件台导出的审计检查点文件</source>
        <translation>Not an audit checkpoint file exported by the desk</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>export the audit log</translation>
    </message>
    <message>
        <source>没有这种操作</source>
        <translation>No such action</translation>
    </message>
    <message>
        <source>起始时间不能晚于截止时间</source>
        <translation>The start time cannot be after the end time</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>back up the database</translation>
    </message>
    <message>
        <source>备份失败：{reason}</source>
        <translation>Backup failed: {reason}</translation>
    </message>
    <message>
        <source>备份 {name} 未通过校验：{checks}</source>
        <translation>Backup {name} failed its checks: {checks}</translation>
    </message>
    <message>
        <source>恢复数据库</source>
        <translation>restore the database</translation>
    </message>
    <message>
        <source>这是 {kind} 数据库的备份，当前使用的是另一种数据库，不能直接恢复。</source>
        <translation>This is a backup of a {kind} database; the desk uses another kind of database, so it cannot be restored directly.</translation>
    </message>
    <message>
        <source>这份备份未通过校验，不能恢复。</source>
        <translation>This backup failed its checks and cannot be restored.</translation>
    </message>
    <message>
        <source>备份已恢复，但打开（升级）时出错：{reason}。原数据保留在 {kept}。</source>
        <translation>The backup was restored but opening (upgrading) it failed: {reason}. The previous data is kept in {kept}.</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review comment</translation>
    </message>
    <message>
        <source>拟办意见</source>
        <translation>Office opinion</translation>
    </message>
    <message>
        <source>模板内容</source>
        <translation>Template text</translation>
    </message>
    <message>
        <source>来电人原话</source>
        <translation>Caller&apos;s words</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>设置值</source>
        <translation>Setting value</translation>
    </message>
    <message>
        <source>草稿内容</source>
        <translation>Draft content</translation>
    </message>
    <message>
        <source>版本号</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>最近事件</source>
        <translation>Latest event</translation>
    </message>
    <message>
        <source>延期工作日数</source>
        <translation>Extension working days</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>条数</source>
        <translation>Number of rows</translation>
    </message>
    <message>
        <source>月数</source>
        <translation>Number of months</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>答复时间</source>
        <translation>Reply time</translation>
    </message>
    <message>
        <source>反馈期限</source>
        <translation>Feedback deadline</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>受理日期（起）</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>受理日期（止）</source>
        <translation>Received until</translation>
    </message>
    <message>
        <source>起始时间</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>输出方式</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>时限类别</source>
        <translation>Time-limit category</translation>
    </message>
    <message>
        <source>时限单位</source>
        <translation>Time-limit unit</translation>
    </message>
    <message>
        <source>回访结果</source>
        <translation>Callback result</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>排序列</source>
        <translation>Sort column</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>设置项</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>动态验证码</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>上级代码</source>
        <translation>Parent code</translation>
    </message>
    <message>
        <source>默认主办代码</source>
        <translation>Default lead code</translation>
    </message>
    <message>
        <source>协办代码</source>
        <translation>Assisting codes</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>主办件</source>
        <translation>Master case</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>督办单</source>
        <translation>Supervision order</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>时限规则</source>
        <translation>Time-limit rule</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>负责人账号</source>
        <translation>Head account</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>协办科室</source>
        <translation>Assisting sections</translation>
    </message>
    <message>
        <source>输入内容</source>
        <translation>Input</translation>
    </message>
    <message>
        <source>{field}不存在</source>
        <translation>{field} does not exist</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>回访时间不能晚于现在</source>
        <translation>The callback time cannot be in the future</translation>
    </message>
    <message>
        <source>请选择回访结果：{choices}</source>
        <translation>Choose the callback outcome: {choices}</translation>
    </message>
    <message>
        <source>请选择是否解决：已解决或未解决</source>
        <translation>Choose whether it was resolved: resolved or not resolved</translation>
    </message>
    <message>
        <source>不满意时请记录市民的意见，供甄别</source>
        <translation>When unsatisfied, record the citizen&apos;s words for screening</translation>
    </message>
    <message>
        <source>市民意见最多{limit}个字</source>
        <translation>The citizen&apos;s words may have at most {limit} characters</translation>
    </message>
    <message>
        <source>备注最多{limit}个字</source>
        <translation>The note may have at most {limit} characters</translation>
    </message>
    <message>
        <source>办结说明</source>
        <translation>closing note</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>explanation</translation>
    </message>
    <message>
        <source>联系不上，办结：{days}天共{attempts}次回访均未联系上。{note}</source>
        <translation>Closed as unreachable: not reached in {attempts} callbacks over {days} days. {note}</translation>
    </message>
    <message>
        <source>匿名来电</source>
        <translation>Anonymous caller</translation>
    </message>
    <message>
        <source>来电人要求保密</source>
        <translation>The caller asked for confidentiality</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>note</translation>
    </message>
    <message>
        <source>甄别理由</source>
        <translation>screening reason</translation>
    </message>
    <message>
        <source>重办原因</source>
        <translation>reason for reopening</translation>
    </message>
    <message>
        <source>回访时间不能早于答复时间（{at}）</source>
        <translation>The callback time cannot be before the reply ({at})</translation>
    </message>
    <message>
        <source>请选择满意度：{choices}</source>
        <translation>Choose the satisfaction: {choices}</translation>
    </message>
    <message>
        <source>第{n}次回访（{at}）：{outcome}</source>
        <translation>Callback {n} ({at}): {outcome}</translation>
    </message>
    <message>
        <source>回访{satisfaction}，办结</source>
        <translation>Callback: {satisfaction}; closed</translation>
    </message>
    <message>
        <source>来电人拒绝回访，办结</source>
        <translation>The caller refused the callback; closed</translation>
    </message>
    <message>
        <source>不回访（{reason}），办结</source>
        <translation>No callback ({reason}); closed</translation>
    </message>
    <message>
        <source>甄别为不合理诉求，办结。理由：{reason}</source>
        <translation>Screened as unreasonable; closed. Reason: {reason}</translation>
    </message>
    <message>
        <source>甄别为合理诉求，第{n}次重办，由{unit}重新办理。理由：{reason}</source>
        <translation>Screened as reasonable: reopened (time {n}), handled again by {unit}. Reason: {reason}</translation>
    </message>
    <message>
        <source>第{n}次重办，由{unit}重新办理。原因：{reason}</source>
        <translation>Reopened (time {n}), handled again by {unit}. Reason: {reason}</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>未解决</source>
        <translation>not resolved</translation>
    </message>
    <message>
        <source>，{satisfaction}，{resolved}</source>
        <translation>, {satisfaction}, {resolved}</translation>
    </message>
    <message>
        <source>。市民意见：{words}</source>
        <translation>. Citizen&apos;s words: {words}</translation>
    </message>
    <message>
        <source>。备注：{note}</source>
        <translation>. Note: {note}</translation>
    </message>
    <message>
        <source>，待甄别</source>
        <translation>, to be screened</translation>
    </message>
    <message>
        <source>。{note}</source>
        <translation>. {note}</translation>
    </message>
    <message>
        <source>：{note}</source>
        <translation>: {note}</translation>
    </message>
    <message>
        <source>原承办单位</source>
        <translation>the handling unit</translation>
    </message>
    <message>
        <source>查看回访队列</source>
        <translation>view the callback queues</translation>
    </message>
    <message>
        <source>没有这个回访队列：{queues}</source>
        <translation>No such callback queue; the queues are: {queues}</translation>
    </message>
    <message>
        <source>办件 {case_no} 现在不能{purpose}，不能调取来电人完整信息</source>
        <translation>Case {case_no} cannot be {purpose} now, so the caller&apos;s full details cannot be retrieved</translation>
    </message>
    <message>
        <source>用途只能是：{choices}</source>
        <translation>Purpose must be one of: {choices}</translation>
    </message>
    <message>
        <source>查找重复件</source>
        <translation>look for duplicates</translation>
    </message>
    <message>
        <source>登记办件</source>
        <translation>register cases</translation>
    </message>
    <message>
        <source>不能与办件自身并单或关联</source>
        <translation>A case cannot be merged into or linked to itself</translation>
    </message>
    <message>
        <source>办件 {case_no} 已由{who}并入 {target}，请并入 {target}</source>
        <translation>Case {case_no} was merged into {target} by {who}; merge into {target} instead</translation>
    </message>
    <message>
        <source>并入重复件 {case_no}（{channel}，{at}受理）：{title}。{content}</source>
        <translation>Duplicate {case_no} merged in ({channel}, received {at}): {title}. {content}</translation>
    </message>
    <message>
        <source>并单：并入 {case_no}</source>
        <translation>Merged into {case_no}</translation>
    </message>
    <message>
        <source>关联{kind}：{case_no} {title}</source>
        <translation>Linked ({kind}): {case_no} {title}</translation>
    </message>
    <message>
        <source>要并入或关联的办件不存在或您无权查看</source>
        <translation>The case to merge into or link does not exist or you may not see it</translation>
    </message>
    <message>
        <source>只有办件的经办人可以查看联系电话</source>
        <translation>Only the case&apos;s handler may view the phone number</translation>
    </message>
    <message>
        <source>只有本件承办单位的经办人可以查看联系电话</source>
        <translation>Only a handler of the section handling this case may view the phone number</translation>
    </message>
    <message>
        <source>来电人要求保密，联系电话不向承办单位提供，请经办公室转达</source>
        <translation>The caller asked for confidentiality: the phone number is not given to the handling section; please pass messages through the office</translation>
    </message>
    <message>
        <source>办件不在办理中，不能查看联系电话</source>
        <translation>The case is not being handled, so the phone number cannot be viewed</translation>
    </message>
    <message>
        <source>您没有查看来电人个人信息的权限</source>
        <translation>You are not allowed to view callers&apos; personal data</translation>
    </message>
    <message>
        <source>本件没有登记来电人信息（匿名）</source>
        <translation>No caller was registered for this case (anonymous)</translation>
    </message>
    <message>
        <source>本件没有登记联系电话</source>
        <translation>No phone number was registered for this case</translation>
    </message>
    <message>
        <source>草稿类型无效</source>
        <translation>Invalid draft type</translation>
    </message>
    <message>
        <source>草稿过长，未保存</source>
        <translation>Draft too long; not saved</translation>
    </message>
    <message>
        <source>平台工单已变更，按导入文件 {name} 更新</source>
        <translation>Platform work order changed; updated from import file {name}</translation>
    </message>
    <message>
        <source>平台工单已变更（导入文件 {name}）；办件已派出，登记信息未改，请核对</source>
        <translation>Platform work order changed (import file {name}); the case has been dispatched, so its registration was not changed — please check</translation>
    </message>
    <message>
        <source>导入平台工单</source>
        <translation>Import platform work orders</translation>
    </message>
    <message>
        <source>保存平台列映射</source>
        <translation>Save platform column mapping</translation>
    </message>
    <message>
        <source>来源名称最多{limit}个字</source>
        <translation>Source name at most {limit} characters</translation>
    </message>
    <message>
        <source>未知的字段：{fields}</source>
        <translation>Unknown fields: {fields}</translation>
    </message>
    <message>
        <source>导出办理结果回传</source>
        <translation>Export handling results for the platform</translation>
    </message>
    <message>
        <source>格式应为 xlsx 或 csv</source>
        <translation>Format must be xlsx or csv</translation>
    </message>
    <message>
        <source>截止日期不能早于起始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <source>无法写入文件 {name}：{reason}</source>
        <translation>Cannot write file {name}: {reason}</translation>
    </message>
    <message>
        <source>文件 {name} 是空的</source>
        <translation>File {name} is empty</translation>
    </message>
    <message>
        <source>数据库拒绝保存这一行：{reason}</source>
        <translation>The database refused to save this row: {reason}</translation>
    </message>
    <message>
        <source>缺少必需的列：{cols}</source>
        <translation>Required columns missing: {cols}</translation>
    </message>
    <message>
        <source>无法读取文件 {name}：{reason}</source>
        <translation>Cannot read file {name}: {reason}</translation>
    </message>
    <message>
        <source>文件 {name} 不是可读取的 Excel 工作簿(.xlsx)或 CSV 文件：{reason}</source>
        <translation>File {name} is not a readable Excel workbook (.xlsx) or CSV file: {reason}</translation>
    </message>
    <message>
        <source>{kind}：{text}</source>
        <translation>{kind}: {text}</translation>
    </message>
    <message>
        <source>：{comment}</source>
        <translation>: {comment}</translation>
    </message>
    <message>
        <source>审核政务公开清单</source>
        <translation>Review the disclosure list</translation>
    </message>
    <message>
        <source>{period}还有 {n} 件来信未审核，请先在预览中逐件审核</source>
        <translation>{period}: {n} letters have not been reviewed; review each one in the preview first</translation>
    </message>
    <message>
        <source>办件 {case_no} 不在政务公开清单中（须为已答复、同意公开且未要求保密的信箱来信）</source>
        <translation>Case {case_no} is not on the disclosure list (it must be a replied mailbox letter, agreed to be published and not confidential)</translation>
    </message>
    <message>
        <source>未知的审核操作</source>
        <translation>Unknown review action</translation>
    </message>
    <message>
        <source>该审核决定不存在或已恢复</source>
        <translation>This review decision does not exist or has been undone</translation>
    </message>
    <message>
        <source>只能保留本件中被隐去的文字</source>
        <translation>Only text hidden in this case can be kept</translation>
    </message>
    <message>
        <source>请选择隐去文字的类别</source>
        <translation>Please choose the kind of the text to hide</translation>
    </message>
    <message>
        <source>管理答复函模板</source>
        <translation>Manage the reply-letter template</translation>
    </message>
    <message>
        <source>模板缺少必需的占位符：{names}，请在 Word 中补上后再载入</source>
        <translation>The template lacks the required placeholders {names}; add them in Word and load it again</translation>
    </message>
    <message>
        <source>保存查询</source>
        <translation>Save a search</translation>
    </message>
    <message>
        <source>请填写查询名称</source>
        <translation>Enter a name for the search</translation>
    </message>
    <message>
        <source>没有可保存的查询条件</source>
        <translation>There are no search conditions to save</translation>
    </message>
    <message>
        <source>没有这个保存的查询</source>
        <translation>No such saved search</translation>
    </message>
    <message>
        <source>查询名称不能超过 {limit} 个字</source>
        <translation>A search name may have at most {limit} characters</translation>
    </message>
    <message>
        <source>已有名为“{name}”的查询</source>
        <translation>A search named “{name}” already exists</translation>
    </message>
    <message>
        <source>最多保存 {limit} 个查询，请先删除不用的</source>
        <translation>At most {limit} searches can be saved; delete one you no longer use first</translation>
    </message>
    <message>
        <source>重建检索索引</source>
        <translation>Rebuild the search index</translation>
    </message>
    <message>
        <source>办理意见</source>
        <translation>Handling opinions</translation>
    </message>
    <message>
        <source>答复稿</source>
        <translation>Reply drafts</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Callback records</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Leader&apos;s instructions</translation>
    </message>
    <message>
        <source>预警级别只能是：正常、黄牌、红牌</source>
        <translation>Warning level must be one of: normal, yellow, red</translation>
    </message>
    <message>
        <source>第 {row} 行的字段类型或格式不对（被篡改）</source>
        <translation>Row {row} has a field of the wrong type or format (tampered with)</translation>
    </message>
    <message>
        <source>链头与最后一行不符（日志尾部被截断或链头被改）</source>
        <translation>The chain head does not match the last row (the end of the log was cut off or the chain head was changed)</translation>
    </message>
    <message>
        <source>审计日志为空：每个数据库都有初始化记录，日志已被清空</source>
        <translation>The audit log is empty: every database has an initialisation record, so the log was emptied</translation>
    </message>
    <message>
        <source>审计链头记录被删除</source>
        <translation>The audit chain head record was deleted</translation>
    </message>
    <message>
        <source>本机没有此数据库的审计密钥，无法校验；请用 hotline-desk audit key import 导入</source>
        <translation>This computer does not have the audit key of this database, so it cannot verify; import it with hotline-desk audit key import</translation>
    </message>
    <message>
        <source>本机审计密钥的指纹 {have} 与数据库记录的 {want} 不符，无法校验</source>
        <translation>The fingerprint {have} of the audit key on this computer does not match {want} recorded in the database, so it cannot verify</translation>
    </message>
    <message>
        <source>链头</source>
        <translation>chain head</translation>
    </message>
    <message>
        <source>第 {row} 行</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>升级前的审计日志已损坏（{where}）：{reason}。拒绝升级，请先从备份恢复。</source>
        <translation>The audit log was already damaged before the upgrade ({where}): {reason}. The upgrade is refused; restore from a backup first.</translation>
    </message>
    <message>
        <source>第 {row} 行的哈希或链接与前一行不符</source>
        <translation>The hash or link of row {row} does not match the previous row</translation>
    </message>
    <message>
        <source>日志不是从初始化记录开始：第 {row} 行之前的记录被删除</source>
        <translation>The log does not start with the initialisation record: records before row {row} were deleted</translation>
    </message>
    <message>
        <source>第 {row} 行与前一行的链接断开（其前的记录被删除或插入）</source>
        <translation>Row {row} is not linked to the previous row (records before it were deleted or inserted)</translation>
    </message>
    <message>
        <source>第 {row} 行的内容与其密钥哈希不符（被修改或伪造）</source>
        <translation>The content of row {row} does not match its keyed hash (changed or forged)</translation>
    </message>
    <message>
        <source>审计日志在第 {row} 行之后被截断或改写（与本机记录的检查点不符）</source>
        <translation>The audit log was cut off or rewritten after row {row} (it does not match the checkpoint this computer keeps)</translation>
    </message>
    <message>
        <source>环境变量 {env} 不是 64 位十六进制的审计密钥</source>
        <translation>The environment variable {env} is not a 64-digit hexadecimal audit key</translation>
    </message>
    <message>
        <source>本机没有此数据库的审计密钥，不能写入（可以查看）。请在保存密钥的电脑上由审计管理员或系统管理员运行 hotline-desk audit key export --out 文件，再在本机运行 hotline-desk audit key import 文件。</source>
        <translation>This computer does not have the audit key of this database, so it cannot write (viewing works). On the computer that keeps the key, the audit administrator or the system administrator runs hotline-desk audit key export --out FILE; then run hotline-desk audit key import FILE on this computer.</translation>
    </message>
    <message>
        <source>本机的审计密钥（指纹 {have}）与数据库记录的指纹 {want} 不符，不能写入。请从保存此数据库密钥的电脑导入正确的密钥（hotline-desk audit key import 文件）。</source>
        <translation>The audit key on this computer (fingerprint {have}) does not match the fingerprint {want} recorded in the database, so it cannot write. Import the right key from the computer that keeps this database&apos;s key (hotline-desk audit key import FILE).</translation>
    </message>
    <message>
        <source>该文件不是办件台导出的审计密钥文件，或已损坏</source>
        <translation>This file is not an audit key file exported by the desk, or it is damaged</translation>
    </message>
    <message>
        <source>备份位置 {folder} 所在磁盘剩余空间不足：需要约 {need}，仅剩 {free}。请清理磁盘或减少保留的备份份数。</source>
        <translation>Not enough free space on the disk of {folder}: about {need} needed, only {free} left. Free some space or keep fewer backups.</translation>
    </message>
    <message>
        <source>另一个备份正在进行（办件台或命令行），请稍后再试。</source>
        <translation>Another backup is running (desk or command line); try again later.</translation>
    </message>
    <message>
        <source>备份位置 {path} 已存在，请指定一个新的文件夹。</source>
        <translation>{path} already exists; name a new folder for the backup.</translation>
    </message>
    <message>
        <source>数据库文件 {path} 不存在。</source>
        <translation>The database file {path} does not exist.</translation>
    </message>
    <message>
        <source>升级前的备份 {folder} 未通过校验（{detail}）：数据库可能已损坏，升级已停止。请由系统管理员检查，必要时从较早的备份恢复。</source>
        <translation>The backup before the upgrade {folder} failed its checks ({detail}): the database may be damaged and the upgrade was stopped. The system administrator should check it and restore an earlier backup if needed.</translation>
    </message>
    <message>
        <source>没有指定备份目录。</source>
        <translation>No backup directory was given.</translation>
    </message>
    <message>
        <source>升级数据库结构（{revision} → 新版本）前必须先备份，但备份未能完成：{reason}
若本单位已在服务器上定时备份(pg_dump)，可设置环境变量 {env}=1 后再启动以跳过这一步。</source>
        <translation>The database must be backed up before its schema is upgraded ({revision} → new version), but the backup failed: {reason}
If your office dumps the database on the server on a schedule (pg_dump), set the environment variable {env}=1 and start again to skip this step.</translation>
    </message>
    <message>
        <source>找不到 PostgreSQL 客户端程序 {tool}。请在本机安装 PostgreSQL 客户端工具（Debian/Ubuntu:postgresql-client;Windows:PostgreSQL 安装包中的命令行工具），或设置环境变量 {env} 指向其 bin 目录。</source>
        <translation>The PostgreSQL client program {tool} was not found. Install the PostgreSQL client tools on this PC (Debian/Ubuntu: postgresql-client; Windows: the command-line tools of the PostgreSQL installer), or point the environment variable {env} at their bin folder.</translation>
    </message>
    <message>
        <source>{tool} 未能完成：{reason}</source>
        <translation>{tool} did not finish: {reason}</translation>
    </message>
    <message>
        <source>还有 {n} 个连接在使用数据库 {db}（其他工作站的办件台？）。请先关闭所有办件台再恢复。</source>
        <translation>{n} connections still use the database {db} (desks on other workstations?). Close every desk before restoring.</translation>
    </message>
    <message>
        <source>无法在服务器上新建用于恢复的数据库：{reason}。恢复需要有建库权限的账号（例如数据库所有者或 postgres）。</source>
        <translation>Could not create a database for the restore on the server: {reason}. Restoring needs an account allowed to create databases (e.g. the owner or postgres).</translation>
    </message>
    <message>
        <source>替换数据库失败：{reason}</source>
        <translation>Swapping the database failed: {reason}</translation>
    </message>
    <message>
        <source>文件夹 {path} 里没有办件台的备份。</source>
        <translation>The folder {path} holds no desk backup.</translation>
    </message>
    <message>
        <source>找不到备份 {path}。</source>
        <translation>Backup {path} not found.</translation>
    </message>
    <message>
        <source>数据库 {path} 仍被其他程序使用（另一个办件台窗口或命令？）。请先关闭它们再恢复。</source>
        <translation>The database {path} is still in use by another program (another desk window or command?). Close them before restoring.</translation>
    </message>
    <message>
        <source>数据库文件 {path} 位于网络文件系统（{fs_type}）上。SQLite 的 WAL 模式在网络文件系统上不可靠，可能损坏数据，请把数据库放在本机磁盘上；多台电脑共用一个数据库时请改用 PostgreSQL 数据库(--database-url)。</source>
        <translation>The database file {path} is on a network file system ({fs_type}). SQLite&apos;s WAL mode is not reliable there and may damage data: keep the database on a local disk; for several PCs sharing one database use PostgreSQL (--database-url).</translation>
    </message>
    <message>
        <source>多人同时修改同一办件，数据库已重试 {n} 次仍未能保存，您的操作未执行。请稍后重试。</source>
        <translation>Several people changed the same case at once; the database retried {n} times without saving, so your action was not taken. Please try again shortly.</translation>
    </message>
    <message>
        <source>请选择关联类型：{choices}</source>
        <translation>Choose the link type: {choices}</translation>
    </message>
    <message>
        <source>办件不存在或您无权查看</source>
        <translation>The case does not exist or you may not see it</translation>
    </message>
    <message>
        <source>平台工单号已存在，同一工单不能重复登记</source>
        <translation>This platform ticket number exists; a ticket cannot be registered twice</translation>
    </message>
    <message>
        <source>{channel}登记</source>
        <translation>Registered ({channel})</translation>
    </message>
    <message>
        <source>平台工单号已存在（办件 {case_no}），同一工单不能重复登记</source>
        <translation>This platform ticket number exists (case {case_no}); a ticket cannot be registered twice</translation>
    </message>
    <message>
        <source>办件不存在</source>
        <translation>No such case</translation>
    </message>
    <message>
        <source>修改登记信息</source>
        <translation>Registration edited</translation>
    </message>
    <message>
        <source>办件刚被其他人修改，请刷新后重试</source>
        <translation>Someone else just changed the case; refresh and try again</translation>
    </message>
    <message>
        <source>退回依据</source>
        <translation>basis for the return</translation>
    </message>
    <message>
        <source>申请退回：{reason}。依据：{basis}</source>
        <translation>Return requested: {reason}. Basis: {basis}</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>handling note</translation>
    </message>
    <message>
        <source>协办意见</source>
        <translation>assisting opinion</translation>
    </message>
    <message>
        <source>批示内容</source>
        <translation>instruction</translation>
    </message>
    <message>
        <source>请选择退回理由：{choices}</source>
        <translation>Choose the reason for the return: {choices}</translation>
    </message>
    <message>
        <source>经办人须是承办单位在岗的经办人或负责人</source>
        <translation>The handler must be an active handler or head of the handling unit</translation>
    </message>
    <message>
        <source>指派经办人：{name}</source>
        <translation>Handler assigned: {name}</translation>
    </message>
    <message>
        <source>{unit}协办意见：{text}</source>
        <translation>Assisting opinion of {unit}: {text}</translation>
    </message>
    <message>
        <source>领导批示：{text}</source>
        <translation>Leader&apos;s instruction: {text}</translation>
    </message>
    <message>
        <source>{unit}签收</source>
        <translation>Signed by {unit}</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>请选择记录类型：{choices}</source>
        <translation>Choose the kind of note: {choices}</translation>
    </message>
    <message>
        <source>办件 {case_no} 已于 {at} 被{name}“{what}”，现为“{status}”。您的操作未执行，请刷新查看后再操作。</source>
        <translation>Case {case_no} was changed by {name} at {at} (“{what}”) and is now “{status}”. Your action was not carried out; refresh and try again.</translation>
    </message>
    <message>
        <source>办件 {case_no} 刚被其他人修改，您的操作未执行。请刷新后重试。</source>
        <translation>Someone else just changed case {case_no}; your action was not carried out. Refresh and try again.</translation>
    </message>
    <message>
        <source>办件刚被其他人修改，您的操作未执行</source>
        <translation>Someone else just changed the case; your action was not carried out</translation>
    </message>
    <message>
        <source>其他用户</source>
        <translation>another user</translation>
    </message>
    <message>
        <source>办件 {case_no} {status}（{who}），不能再并入；请作为新办件办理并关联</source>
        <translation>Case {case_no} is {status} ({who}) and can no longer take a merge; handle it as a new case and link them</translation>
    </message>
    <message>
        <source>已与办件 {case_no} 关联（{who}）</source>
        <translation>Already linked with case {case_no} ({who})</translation>
    </message>
    <message>
        <source>{name}于 {at}“{what}”</source>
        <translation>{name}: “{what}” at {at}</translation>
    </message>
    <message>
        <source>办件 {case_no} 已于 {at} 被{name}“{what}”，现为“{status}”：{reason}。您的操作未执行，请刷新查看后再操作。</source>
        <translation>Case {case_no} was changed by {name} at {at} (“{what}”) and is now “{status}”: {reason}. Your action was not taken; refresh and look before acting.</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>reply text</translation>
    </message>
    <message>
        <source>退回修改意见</source>
        <translation>reason for sending back</translation>
    </message>
    <message>
        <source>答复时间不能晚于现在</source>
        <translation>The reply time cannot be in the future</translation>
    </message>
    <message>
        <source>答复对象</source>
        <translation>recipient of the reply</translation>
    </message>
    <message>
        <source>提交第{n}稿拟答复意见</source>
        <translation>Draft reply {n} submitted</translation>
    </message>
    <message>
        <source>局领导审核通过第{n}稿</source>
        <translation>Bureau leader approved draft {n}</translation>
    </message>
    <message>
        <source>负责人审核通过第{n}稿</source>
        <translation>Section head approved draft {n}</translation>
    </message>
    <message>
        <source>局领导退回第{n}稿修改：{comment}</source>
        <translation>Bureau leader sent draft {n} back: {comment}</translation>
    </message>
    <message>
        <source>负责人退回第{n}稿修改：{comment}</source>
        <translation>Section head sent draft {n} back: {comment}</translation>
    </message>
    <message>
        <source>请选择答复方式：{choices}</source>
        <translation>Choose how it was replied: {choices}</translation>
    </message>
    <message>
        <source>答复时间不能早于受理时间</source>
        <translation>The reply time cannot be before the time received</translation>
    </message>
    <message>
        <source>已{method}答复（{at}）</source>
        <translation>Replied by {method} ({at})</translation>
    </message>
    <message>
        <source>审核意见最多{limit}个字</source>
        <translation>The review comment may have at most {limit} characters</translation>
    </message>
    <message>
        <source>；重要件，送局领导审核</source>
        <translation>; important case, sent to the bureau leader for approval</translation>
    </message>
    <message>
        <source>机构中没有办公室，无法直办</source>
        <translation>The organisation has no office, so the case cannot be handled directly</translation>
    </message>
    <message>
        <source>{unit}（主办科室：{lead}）</source>
        <translation>{unit} (lead section: {lead})</translation>
    </message>
    <message>
        <source>不予受理：{reason}</source>
        <translation>Rejected: {reason}</translation>
    </message>
    <message>
        <source>没有待审核的退回申请</source>
        <translation>There is no return request waiting for a decision</translation>
    </message>
    <message>
        <source>驳回理由</source>
        <translation>reason for refusal</translation>
    </message>
    <message>
        <source>，协办：{units}</source>
        <translation>; assisting: {units}</translation>
    </message>
    <message>
        <source>。拟办意见：{opinion}</source>
        <translation>. Proposed handling: {opinion}</translation>
    </message>
    <message>
        <source>改派（原主办：{old}），原因：{reason}；{route}</source>
        <translation>Rerouted (previous lead: {old}), reason: {reason}; {route}</translation>
    </message>
    <message>
        <source>请选择不予受理的理由：{choices}</source>
        <translation>Choose the reason for rejecting: {choices}</translation>
    </message>
    <message>
        <source>不予受理：{reason}。{note}</source>
        <translation>Rejected: {reason}. {note}</translation>
    </message>
    <message>
        <source>同意退回后须改派给其他科室</source>
        <translation>An approved return must be rerouted to another section</translation>
    </message>
    <message>
        <source>同意退回；{route}</source>
        <translation>Return approved; {route}</translation>
    </message>
    <message>
        <source>驳回退回申请：{note}</source>
        <translation>Return request refused: {note}</translation>
    </message>
    <message>
        <source>办公室直办</source>
        <translation>Handled directly by the office</translation>
    </message>
    <message>
        <source>转办至{units}</source>
        <translation>Routed to {units}</translation>
    </message>
    <message>
        <source>交办至{units}</source>
        <translation>Assigned to {units}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>派单建议</source>
        <translation>see routing suggestions</translation>
    </message>
    <message>
        <source>维护答复模板</source>
        <translation>maintain reply templates</translation>
    </message>
    <message>
        <source>请选择诉求类型</source>
        <translation>Choose a request type</translation>
    </message>
    <message>
        <source>答复模板不存在或已停用</source>
        <translation>The reply template does not exist or is no longer active</translation>
    </message>
    <message>
        <source>模板不存在</source>
        <translation>No such template</translation>
    </message>
    <message>
        <source>模板名称</source>
        <translation>template name</translation>
    </message>
    <message>
        <source>模板正文</source>
        <translation>template text</translation>
    </message>
    <message>
        <source>导出办件</source>
        <translation>export cases</translation>
    </message>
    <message>
        <source>导出政务公开清单</source>
        <translation>export the public disclosure list</translation>
    </message>
    <message>
        <source>您没有查看个人信息的权限，只能导出脱敏的列表</source>
        <translation>You may not see personal data; only a masked list can be exported</translation>
    </message>
    <message>
        <source>导出统计报表</source>
        <translation>export statistics reports</translation>
    </message>
    <message>
        <source>办件 {case_no} 没有督办单，不能打印督办通知单</source>
        <translation>Case {case_no} has no supervision order, so no order notice can be printed</translation>
    </message>
    <message>
        <source>办件 {case_no} 尚无审核通过的答复，不能打印答复函</source>
        <translation>Case {case_no} has no approved reply yet, so no reply letter can be printed</translation>
    </message>
    <message>
        <source>督办单 {order} 不是办件 {case_no} 的督办单</source>
        <translation>Supervision order {order} does not belong to case {case_no}</translation>
    </message>
    <message>
        <source>请先选择要打印的办件</source>
        <translation>Select a case to print first</translation>
    </message>
    <message>
        <source>您没有查看来电人个人信息的权限，只能打印脱敏后的文书</source>
        <translation>You may not see the caller&apos;s personal data; only masked documents can be printed</translation>
    </message>
    <message>
        <source>输出方式只能是预览、打印机或 PDF 文件</source>
        <translation>The output must be preview, printer or PDF file</translation>
    </message>
    <message>
        <source>文书种类只能是：{allowed}</source>
        <translation>The document must be one of: {allowed}</translation>
    </message>
    <message>
        <source>一次最多打印 {most} 件，请分批打印</source>
        <translation>At most {most} cases can be printed at once; print in batches</translation>
    </message>
    <message>
        <source>办件 {case_no} 不存在或您无权查看</source>
        <translation>Case {case_no} does not exist or you may not see it</translation>
    </message>
    <message>
        <source>没有“{drill}”这项统计明细</source>
        <translation>There is no breakdown “{drill}”</translation>
    </message>
    <message>
        <source>查看统计</source>
        <translation>view statistics</translation>
    </message>
    <message>
        <source>锁定月报</source>
        <translation>freeze monthly reports</translation>
    </message>
    <message>
        <source>解除月报锁定</source>
        <translation>unfreeze monthly reports</translation>
    </message>
    <message>
        <source>{channel}登记，来自平台导入文件 {name}</source>
        <translation>Registered ({channel}), from the platform import file {name}</translation>
    </message>
    <message>
        <source>只能锁定月度报表</source>
        <translation>Only monthly reports can be frozen</translation>
    </message>
    <message>
        <source>请填写解除锁定的原因（2–200 字）</source>
        <translation>Enter the reason for unfreezing (2–200 characters)</translation>
    </message>
    <message>
        <source>{period}月报已锁定</source>
        <translation>The monthly report for {period} is already frozen</translation>
    </message>
    <message>
        <source>{period}月报未锁定</source>
        <translation>The monthly report for {period} is not frozen</translation>
    </message>
    <message>
        <source>{period}尚未开始，不能锁定</source>
        <translation>{period} has not started yet and cannot be frozen</translation>
    </message>
    <message>
        <source>建议类型只能是催办或督办</source>
        <translation>The suggestion must be urge or order</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>reason for the extension</translation>
    </message>
    <message>
        <source>没有待审批的延期申请</source>
        <translation>There is no extension request waiting for a decision</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>decision note</translation>
    </message>
    <message>
        <source>同意延期 {days} 个工作日，答复期限由 {before} 延至 {after}</source>
        <translation>Extension of {days} working days approved; reply deadline moved from {before} to {after}</translation>
    </message>
    <message>
        <source>不同意的理由</source>
        <translation>reason for denial</translation>
    </message>
    <message>
        <source>该办件尚未开始答复计时，无需申请延期</source>
        <translation>The reply clock of this case has not started; no extension is needed</translation>
    </message>
    <message>
        <source>答复期限（{deadline}）已过，不能再申请延期。延期须在期限届满前申请；请尽快办理并答复。</source>
        <translation>The reply deadline ({deadline}) has passed, so no extension can be requested. Extensions must be requested before the deadline; please handle and reply as soon as possible.</translation>
    </message>
    <message>
        <source>延期天数须为 1–{most} 个工作日</source>
        <translation>The extension must be 1–{most} working days</translation>
    </message>
    <message>
        <source>申请延期 {days} 个工作日（现答复期限 {deadline}）：{reason}</source>
        <translation>Extension of {days} working days requested (reply deadline now {deadline}): {reason}</translation>
    </message>
    <message>
        <source>不同意延期 {days} 个工作日：{note}</source>
        <translation>Extension of {days} working days denied: {note}</translation>
    </message>
    <message>
        <source>该办件已有{name}于 {at}“{what}”的未办结{level}督办单，请先办结或升级为红牌</source>
        <translation>The case already has an open {level} supervision order ({name}: “{what}” at {at}); close it or escalate it to red first</translation>
    </message>
    <message>
        <source>催办内容</source>
        <translation>urge text</translation>
    </message>
    <message>
        <source>请选择督办级别：黄牌或红牌</source>
        <translation>Choose the order level: yellow or red</translation>
    </message>
    <message>
        <source>督办事由</source>
        <translation>reason for the order</translation>
    </message>
    <message>
        <source>发出{level}督办单（限 {due} 前回复）：{reason}</source>
        <translation>Supervision order issued ({level}, answer by {due}): {reason}</translation>
    </message>
    <message>
        <source>督办单不存在或已被处理，请刷新</source>
        <translation>The order does not exist or has been dealt with; please refresh</translation>
    </message>
    <message>
        <source>督办回复</source>
        <translation>answer to the order</translation>
    </message>
    <message>
        <source>办结意见</source>
        <translation>closing remark</translation>
    </message>
    <message>
        <source>第 {n} 次催办：{text}</source>
        <translation>Urge {n}: {text}</translation>
    </message>
    <message>
        <source>阅知催办 {n} 条</source>
        <translation>{n} urges acknowledged</translation>
    </message>
    <message>
        <source>回复期限须在今天到 {days} 天之内</source>
        <translation>The answer due date must be between today and {days} days from now</translation>
    </message>
    <message>
        <source>督办单办结：{text}</source>
        <translation>Supervision order closed: {text}</translation>
    </message>
    <message>
        <source>回复督办单（逾期）：{text}</source>
        <translation>Supervision order answered (late): {text}</translation>
    </message>
    <message>
        <source>回复督办单：{text}</source>
        <translation>Supervision order answered: {text}</translation>
    </message>
    <message>
        <source>（原黄牌督办单升级）</source>
        <translation> (escalated from a yellow order)</translation>
    </message>
    <message>
        <source>模板文件过大（不能超过 5 MB）</source>
        <translation>The template file is too large (at most 5 MB)</translation>
    </message>
    <message>
        <source>不是有效的 Word 文档（.docx）</source>
        <translation>Not a valid Word document (.docx)</translation>
    </message>
    <message>
        <source>模板缺少必需的占位符：{names}</source>
        <translation>The template lacks the required placeholders: {names}</translation>
    </message>
    <message>
        <source>{period}，{bureau}共受理量{received}（比上月{received_change}），上月结转{carried}件；办结量{closed}（比上月{closed_change}）；按时办结率{ontime}（比上月{ontime_change}）；满意率{satisfaction}（比上月{satisfaction_change}）；超期件数{overdue}件，平均办理时长{workdays}个工作日。</source>
        <translation>{period}, {bureau}: {received} cases received ({received_change} on the previous month), {carried} carried over; {closed} closed ({closed_change}); on-time rate {ontime} ({ontime_change}); satisfaction rate {satisfaction} ({satisfaction_change}); {overdue} overdue; average handling time {workdays} working days.</translation>
    </message>
    <message>
        <source>无法连接 PostgreSQL:{reason}</source>
        <translation>Cannot connect to PostgreSQL: {reason}</translation>
    </message>
</context>
<context>
    <name>draft_shots</name>
    <message>
        <source>周先生</source>
        <translation>Mr Zhou</translation>
    </message>
    <message>
        <source>咨询技术改造补助申报时间</source>
        <translation>Enquiry about when to apply for the technical upgrading subsidy</translation>
    </message>
    <message>
        <source>来电人称其企业新购置数控设备，想了解技术改造补助何时申报，</source>
        <translation>The caller says his company has bought new CNC equipment and wants to know when the technical upgrading subsidy can be applied for,</translation>
    </message>
    <message>
        <source>请产业发展科核实企业申报材料，按技改补助政策答复来电人。</source>
        <translation>Industry Development Section: please verify the company&apos;s application materials and answer the caller under the technical upgrading subsidy policy.</translation>
    </message>
</context>
<context>
    <name>enum</name>
    <message>
        <source>市长热线</source>
        <translation>Mayor&apos;s hotline</translation>
    </message>
    <message>
        <source>市长信箱</source>
        <translation>Mayor&apos;s mailbox</translation>
    </message>
    <message>
        <source>12345平台转办</source>
        <translation>12345 platform</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>咨询</source>
        <translation>Inquiry</translation>
    </message>
    <message>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>特急</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>待签收</source>
        <translation>To be signed for</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>已答复（待回访）</source>
        <translation>Awaiting callback</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>退回待审</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已并单</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>办公室</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>科室</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>直属单位</source>
        <translation>Affiliated unit</translation>
    </message>
    <message>
        <source>转办科室</source>
        <translation>Routed to a section</translation>
    </message>
    <message>
        <source>交办直属单位</source>
        <translation>Assigned to an affiliated unit</translation>
    </message>
    <message>
        <source>主办</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>协办</source>
        <translation>Assisting</translation>
    </message>
    <message>
        <source>承办</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>科室负责人审核</source>
        <translation>Section head&apos;s approval</translation>
    </message>
    <message>
        <source>局领导审核</source>
        <translation>Bureau leader&apos;s approval</translation>
    </message>
    <message>
        <source>登记员</source>
        <translation>Intake clerk</translation>
    </message>
    <message>
        <source>办公室督办员</source>
        <translation>Supervising officer</translation>
    </message>
    <message>
        <source>科室经办人</source>
        <translation>Section handler</translation>
    </message>
    <message>
        <source>科室负责人</source>
        <translation>Section head</translation>
    </message>
    <message>
        <source>局领导</source>
        <translation>Bureau leader</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <source>安全管理员</source>
        <translation>Security administrator</translation>
    </message>
    <message>
        <source>审计管理员</source>
        <translation>Audit administrator</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>转办</source>
        <translation>Routed</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Signed for</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>提交答复</source>
        <translation>Reply submitted</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Reply approved</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>并单</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>重办</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>申请退回</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>查看个人信息</source>
        <translation>Personal data viewed</translation>
    </message>
    <message>
        <source>已审核（待答复）</source>
        <translation>Awaiting reply</translation>
    </message>
    <message>
        <source>直办</source>
        <translation>Handled directly</translation>
    </message>
    <message>
        <source>同意退回</source>
        <translation>Return approved</translation>
    </message>
    <message>
        <source>驳回退回</source>
        <translation>Return refused</translation>
    </message>
    <message>
        <source>指派经办人</source>
        <translation>Handler assigned</translation>
    </message>
    <message>
        <source>协办意见</source>
        <translation>Assisting opinion</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Reply sent back</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Leader&apos;s instruction</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Rerouted</translation>
    </message>
    <message>
        <source>诉讼/仲裁/行政复议</source>
        <translation>Litigation/arbitration/administrative review</translation>
    </message>
    <message>
        <source>信访事项</source>
        <translation>Petition matter</translation>
    </message>
    <message>
        <source>涉密</source>
        <translation>Classified</translation>
    </message>
    <message>
        <source>紧急警情应转110/119/120</source>
        <translation>Emergency: refer to 110/119/120</translation>
    </message>
    <message>
        <source>重复无新情况</source>
        <translation>Repeat, nothing new</translation>
    </message>
    <message>
        <source>不属本单位职责</source>
        <translation>Not our responsibility</translation>
    </message>
    <message>
        <source>属地不符</source>
        <translation>Wrong jurisdiction</translation>
    </message>
    <message>
        <source>职能交叉</source>
        <translation>Overlapping duties</translation>
    </message>
    <message>
        <source>联系来电人</source>
        <translation>Contacted caller</translation>
    </message>
    <message>
        <source>现场核查</source>
        <translation>On-site check</translation>
    </message>
    <message>
        <source>会商协调</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>书面</source>
        <translation>In writing</translation>
    </message>
    <message>
        <source>网上</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>申请延期</source>
        <translation>Extension requested</translation>
    </message>
    <message>
        <source>同意延期</source>
        <translation>Extension approved</translation>
    </message>
    <message>
        <source>不同意延期</source>
        <translation>Extension denied</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>催办已阅</source>
        <translation>Urge read</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Supervision order issued</translation>
    </message>
    <message>
        <source>督办回复</source>
        <translation>Order answered</translation>
    </message>
    <message>
        <source>督办办结</source>
        <translation>Order closed</translation>
    </message>
    <message>
        <source>重算时限</source>
        <translation>Deadlines recomputed</translation>
    </message>
    <message>
        <source>重办答复</source>
        <translation>Reply after reopening</translation>
    </message>
    <message>
        <source>个工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>黄牌预警</source>
        <translation>Yellow warning</translation>
    </message>
    <message>
        <source>红牌超期</source>
        <translation>Red (overdue)</translation>
    </message>
    <message>
        <source>督办单</source>
        <translation>Supervision order</translation>
    </message>
    <message>
        <source>待阅</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>已阅</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>待回复</source>
        <translation>Awaiting answer</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已同意</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Denied</translation>
    </message>
    <message>
        <source>关联办件</source>
        <translation>Linked</translation>
    </message>
    <message>
        <source>并入重复件</source>
        <translation>Duplicate merged in</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <source>撤回附件</source>
        <translation>Attachment withdrawn</translation>
    </message>
    <message>
        <source>来信扫描件</source>
        <translation>Scanned letter</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>通话录音</source>
        <translation>Call recording</translation>
    </message>
    <message>
        <source>办结材料</source>
        <translation>Closing material</translation>
    </message>
    <message>
        <source>签发的答复函</source>
        <translation>Signed reply letter</translation>
    </message>
    <message>
        <source>不回访</source>
        <translation>No callback</translation>
    </message>
    <message>
        <source>已联系上</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>未联系上</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <source>拒绝回访</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>待回访</source>
        <translation>To call back</translation>
    </message>
    <message>
        <source>已回访</source>
        <translation>Called back</translation>
    </message>
    <message>
        <source>联系不上</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <source>待甄别</source>
        <translation>To screen</translation>
    </message>
    <message>
        <source>合理</source>
        <translation>Reasonable</translation>
    </message>
    <message>
        <source>不合理</source>
        <translation>Not reasonable</translation>
    </message>
    <message>
        <source>回访满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>不合理诉求</source>
        <translation>Unreasonable request</translation>
    </message>
    <message>
        <source>重复件</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>相关件</source>
        <translation>Related</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>；</source>
        <comment>separator between messages</comment>
        <translation>; </translation>
    </message>
    <message>
        <source>请重新登录</source>
        <translation>Please log in again</translation>
    </message>
    <message>
        <source>他人已修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
    <message>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>发生了意外错误，操作未完成，已写入日志。
错误类型：{error_type}
请将日志文件发送给系统管理员。</source>
        <translation>An unexpected error occurred; the operation was not completed and the details were logged.
Error type: {error_type}
Please send the log file to the system administrator.</translation>
    </message>
</context>
<context>
    <name>kpi</name>
    <message>
        <source>受理量</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>上月结转</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <source>直办量</source>
        <translation>Handled directly</translation>
    </message>
    <message>
        <source>直接办结率</source>
        <translation>Direct handling rate</translation>
    </message>
    <message>
        <source>按时签收率</source>
        <translation>On-time signing rate</translation>
    </message>
    <message>
        <source>办结量</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>On-time reply rate</translation>
    </message>
    <message>
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <source>超期件数</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>延期件数</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>退单率</source>
        <translation>Return rate</translation>
    </message>
    <message>
        <source>回访率</source>
        <translation>Callback rate</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <source>重办率</source>
        <translation>Reopen rate</translation>
    </message>
    <message>
        <source>重复件率</source>
        <translation>Duplicate rate</translation>
    </message>
    <message>
        <source>平均办理时长</source>
        <translation>Mean handling time (workdays)</translation>
    </message>
    <message>
        <source>全局合计</source>
        <translation>Bureau total</translation>
    </message>
    <message>
        <source>按科室</source>
        <translation>By section</translation>
    </message>
    <message>
        <source>按诉求类型</source>
        <translation>By request type</translation>
    </message>
    <message>
        <source>按来源渠道</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>按事项分类</source>
        <translation>By topic</translation>
    </message>
    <message>
        <source>按办理层级</source>
        <translation>By tier</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <source>主办科室</source>
        <translation>Lead section</translation>
    </message>
    <message>
        <source>诉求类型</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>事项分类</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>办理层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>未转办</source>
        <translation>Not routed</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation>No topic</translation>
    </message>
    <message>
        <source>未分级</source>
        <translation>No tier</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>受理的办件</source>
        <translation>cases received</translation>
    </message>
    <message>
        <source>期初结转的办件</source>
        <translation>cases open at the start</translation>
    </message>
    <message>
        <source>答复的直办件</source>
        <translation>direct cases replied</translation>
    </message>
    <message>
        <source>未按时签收的转办件</source>
        <translation>routed cases signed late</translation>
    </message>
    <message>
        <source>办结的办件</source>
        <translation>cases closed</translation>
    </message>
    <message>
        <source>超时答复的办件</source>
        <translation>cases replied late</translation>
    </message>
    <message>
        <source>超期的办件</source>
        <translation>overdue cases</translation>
    </message>
    <message>
        <source>批准延期的办件</source>
        <translation>cases with an approved extension</translation>
    </message>
    <message>
        <source>同意退回的办件</source>
        <translation>cases returned</translation>
    </message>
    <message>
        <source>应回访的办件</source>
        <translation>cases due for callback</translation>
    </message>
    <message>
        <source>评价不满意的办件</source>
        <translation>cases rated unsatisfied</translation>
    </message>
    <message>
        <source>评价未解决的办件</source>
        <translation>cases rated unresolved</translation>
    </message>
    <message>
        <source>重办的办件</source>
        <translation>cases reopened</translation>
    </message>
    <message>
        <source>重复件</source>
        <translation>duplicates</translation>
    </message>
    <message>
        <source>答复的办件</source>
        <translation>cases replied</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>、</source>
        <comment>separator between listed items</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>{amount}{unit}</source>
        <comment>a time limit</comment>
        <translation>{amount} {unit}</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>选择附件</source>
        <translation>Choose attachments</translation>
    </message>
    <message>
        <source>附件 (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.pdf *.mp3 *.m4a *.wav *.amr *.aac *.ogg *.flac *.doc *.docx *.xls *.xlsx *.ppt *.pptx *.odt *.ods *.odp *.rtf *.txt)；；所有文件 （*）</source>
        <translation>Attachments (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff *.heic *.pdf *.mp3 *.m4a *.wav *.amr *.aac *.ogg *.flac *.doc *.docx *.xls *.xlsx *.ppt *.pptx *.odt *.ods *.odp *.rtf *.txt);;All files (*)</translation>
    </message>
</context>
<context>
    <name>screenshots</name>
    <message>
        <source>（截图需要演示库：先运行 hotline-desk demo --cases N）</source>
        <translation>(Screenshots need a demo database: run hotline-desk demo --cases N first)</translation>
    </message>
    <message>
        <source>已生成 {count} 张截图：{folder}</source>
        <translation>{count} screenshots written to {folder}</translation>
    </message>
</context>
<context>
    <name>search_shots</name>
    <message>
        <source>噪音投诉（未办结）</source>
        <translation>噪音投诉（未办结）</translation>
    </message>
    <message>
        <source>噪音</source>
        <translation>噪音</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>垃圾分类</source>
        <translation>垃圾分类</translation>
    </message>
    <message>
        <source>电梯 物业</source>
        <translation>电梯 物业</translation>
    </message>
    <message>
        <source>电梯物业投诉</source>
        <translation>电梯物业投诉</translation>
    </message>
</context>
<context>
    <name>supervision_dialogs</name>
    <message>
        <source>现答复期限：{due}（时限 {limit}）</source>
        <translation>Current reply deadline: {due} (limit {limit})</translation>
    </message>
    <message>
        <source>，已延期 {days} 个工作日，原期限 {original}</source>
        <translation>, extended by {days} working days, originally {original}</translation>
    </message>
    <message>
        <source>{unit}（{person}，{at}）申请延期 {days} 个工作日：{reason}</source>
        <translation>{unit} ({person}, {at}) asks for {days} more working days: {reason}</translation>
    </message>
    <message>
        <source>{level}督办单（{person} {at}）：{reason}
限 {due} 前回复</source>
        <translation>{level} order ({person} {at}): {reason}
answer by {due}</translation>
    </message>
    <message>
        <source>回复（{person} {at}）：{response}</source>
        <translation>Answer ({person} {at}): {response}</translation>
    </message>
</context>
</TS>
