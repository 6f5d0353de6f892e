"""Simplified-character check for Chinese names in the registry.

The registry stores Chinese names in simplified characters, as the PRC documents it
cites are written. A name typed from a Hong Kong or Taiwan page, or from the 1954
Government Work Report (which Wikisource holds in traditional characters), would slip
traditional forms in; :func:`traditional_characters` finds them.

The check rests on a table of common traditional characters and their simplified forms
(:data:`TRADITIONAL_TO_SIMPLIFIED`), chosen from the vocabulary of economic-policy texts.
Characters that are written the same way in both scripts, or whose traditional form is
still in use in simplified text (乾, 著, 於, 藉, 瞭, 繫, 麽 …), are left out, so a hit
is always a real traditional form. The pairs follow the *General List of Commonly Used
Standard Chinese Characters* (通用规范汉字表, State Council 2013); the test suite checks
every pair against OpenCC's traditional-to-simplified conversion.
"""

from __future__ import annotations

__all__ = ["TRADITIONAL_TO_SIMPLIFIED", "to_simplified", "traditional_characters"]

# "traditional simplified" pairs, space separated; grouped loosely by frequency.
_PAIRS = """
國国 們们 會会 議议 關关 發发 經经 濟济 業业 產产 財财 務务 資资 電电 網网 機机 車车 鐵铁
礦矿 煉炼 鋼钢 紡纺 織织 農农 醫医 藥药 衛卫 軍军 書书 學学 術术 統统 計计 劃划 規规 設设
廣广 東东 華华 區区 縣县 鄉乡 鎮镇 歲岁 幣币 價价 稅税 貸贷 銀银 幹干 導导 領领 黨党 歷历
運运 動动 勞劳 員员 與与 為为 這这 個个 來来 時时 對对 說说 從从 還还 進进 過过 將将 應应
當当 實实 現现 體体 種种 樣样 點点 義义 條条 問问 題题 長长 開开 間间 門门 見见 觀观 視视
親亲 處处 場场 報报 強强 際际 號号 聯联 億亿 萬万 質质 優优 勢势 傳传 達达 遠远 邊边 選选
辦办 構构 級级 積积 極极 類类 數数 據据 標标 準准 確确 認认 識识 論论 調调 談谈 試试 該该
請请 讓让 語语 讀读 課课 變变 鄧邓 劉刘 陳陈 趙赵 張张 楊杨 範范 穩稳 糧粮 倉仓 齊齐 滿满
灣湾 漢汉 溫温 測测 濕湿 燈灯 熱热 無无 營营 環环 紅红 綠绿 藍蓝 鮮鲜 魚鱼 鳥鸟 龍龙 馬马
驗验 響响 頭头 顯显 顧顾 額额 風风 飛飞 飯饭 館馆 養养 盡尽 監监 盤盘 眾众 禮礼 稱称 競竞
築筑 簡简 纖纤 練练 線线 組组 結结 給给 絕绝 維维 綜综 總总 績绩 繼继 續续 聖圣 聲声 聽听
職职 興兴 舊旧 艦舰 藝艺 蘇苏 衝冲 補补 裝装 製制 複复 覺觉 訂订 訊讯 記记 許许 證证 評评
詞词 詳详 誌志 誠诚 誤误 諸诸 謀谋 講讲 護护 讚赞 豐丰 貝贝 負负 貢贡 責责 貨货 費费 貿贸
賣卖 購购 賽赛 趕赶 軟软 較较 載载 輕轻 輸输 轉转 辭辞 郵邮 鄰邻 釋释 針针 錢钱 鍵键 鏈链
鐘钟 閉闭 閱阅 隊队 階阶 陽阳 險险 隨随 隱隐 雙双 雜杂 雞鸡 離离 難难 雲云 靈灵 韓韩 頁页
項项 順顺 須须 預预 頻频 顏颜 願愿 飢饥 駐驻 騰腾 驅驱 髮发 鬥斗 鬧闹 麥麦 黃黄 齒齿 龜龟
儀仪 兒儿 內内 兩两 冊册 劇剧 勵励 勝胜 協协 單单 參参 嚴严 團团 圖图 圍围 圓圆 執执 堅坚
塊块 壓压 壞坏 壯壮 壽寿 夢梦 奪夺 奮奋 婦妇 寧宁 寶宝 審审 寫写 專专 尋寻 屆届 層层 屬属
島岛 崗岗 幫帮 廠厂 廢废 廳厅 彈弹 後后 徑径 復复 徹彻 惡恶 愛爱 態态 慣惯 慶庆 憂忧 憲宪
戰战 戶户 拋抛 捨舍 掃扫 掛挂 採采 揚扬 換换 損损 搶抢 擁拥 擇择 擊击 擔担 擴扩 擬拟 擺摆
攜携 攝摄 敗败 敵敌 斷断 晉晋 暫暂 曆历 樂乐 樹树 橋桥 檢检 櫃柜 權权 歐欧 歡欢 歸归 殘残
殺杀 氣气 漁渔 滅灭 漲涨 潔洁 澤泽 濃浓 災灾 烏乌 煙烟 燒烧 爭争 爾尔 牆墙 獎奖 獨独 獲获
瑪玛 畫画 畢毕 異异 療疗 盜盗 碼码 礎础 禦御 穀谷 窮穷 竊窃 筆笔 節节 紀纪 約约 純纯 紙纸
細细 終终 綱纲 緊紧 緒绪 編编 緩缓 縮缩 罰罚 羅罗 習习 肅肃 腦脑 臨临 臺台 舉举 艱艰 莊庄
葉叶 蘭兰 虛虚 裡里 覽览 討讨 訓训 訴诉 診诊 詢询 詩诗 話话 誕诞 謝谢 貧贫 貫贯 賓宾 賴赖
贊赞 趨趋 跡迹 踐践 軌轨 輛辆 輯辑 迴回 遞递 違违 適适 遺遗 邏逻 釐厘 鈔钞 鋪铺 銷销 鋁铝
鋒锋 錄录 錦锦 鍋锅 鎖锁 鑽钻 閃闪 閒闲 陣阵 陸陆 雖虽 靜静 頒颁 頓顿 飲饮 餘余 驚惊 魯鲁
鳳凤 麗丽 偉伟 兌兑 況况 減减 剛刚 創创 劑剂 卻却 厲厉 吳吴 呂吕 啟启 喚唤 喪丧 嗎吗 嘆叹
囑嘱 園园 塵尘 墾垦 壇坛 夠够 奧奥 孫孙 寬宽 嶺岭 幾几 廟庙 徵征 憶忆 懷怀 懸悬 戲戏 擠挤
攤摊 敘叙 斬斩 暢畅 槍枪 樓楼 橫横 殼壳 毀毁 決决 沒没 淺浅 淨净 湯汤 溝沟 滬沪 滯滞 漸渐
潛潜 燦灿 爐炉 牽牵 犧牺 狀状 猶犹 獻献 璽玺 瓊琼 畝亩 疊叠 盧卢 矯矫 碩硕 礙碍 祕秘
穩稳 窩窝 篩筛 簽签 籌筹 籃篮 粵粤 糾纠 紛纷 紹绍 絡络 絲丝 綁绑 緣缘 繪绘 繳缴 纜缆 罷罢
聞闻 聰聪 脅胁 脫脱 腳脚 膚肤 臉脸 艙舱 蒼苍 蓋盖 蔣蒋 薦荐 蘊蕴 蟲虫 襲袭 訪访 詐诈 誇夸
誘诱 諾诺 謂谓 譯译 豬猪 貓猫 貞贞 販贩 貪贪 貴贵 貼贴 賀贺 賃赁 賜赐 賠赔 賦赋 贈赠 贏赢
躍跃 軒轩 輔辅 輝辉 輪轮 辯辩 遷迁 遲迟 遼辽 鄭郑 醬酱 釀酿 鈴铃 鉛铅 銅铜 銳锐 錯错 鍛锻
鏡镜 鑄铸 鑒鉴 閣阁 闊阔 陰阴 隸隶 霧雾 韋韦 頂顶 頌颂 頗颇 頸颈 顆颗 顫颤 飄飘 飼饲 飽饱
餓饿 饒饶 騎骑 驕骄 驟骤 髒脏 鬆松 鴨鸭 鵬鹏 鹽盐 麵面 黴霉 齡龄 衆众 隻只 鬱郁 係系 裏里
"""

#: Common traditional characters and their simplified forms.
TRADITIONAL_TO_SIMPLIFIED: dict[str, str] = {
    pair[0]: pair[1] for pair in dict.fromkeys(_PAIRS.split())
}


def traditional_characters(text: str) -> list[str]:
    """The distinct traditional characters found in ``text``, in order of appearance.

    Parameters
    ----------
    text
        Any string; non-Chinese characters are ignored.

    Returns
    -------
    list of str
        Characters of :data:`TRADITIONAL_TO_SIMPLIFIED` that occur in ``text`` (empty
        for a name written in simplified characters).
    """
    return list(dict.fromkeys(ch for ch in text if ch in TRADITIONAL_TO_SIMPLIFIED))


def to_simplified(text: str) -> str:
    """Replace the traditional characters of the table by their simplified forms.

    This is a character-level conversion with the small table above, good for
    suggesting a fix in an error message; it is not a full converter (use OpenCC).
    """
    return "".join(TRADITIONAL_TO_SIMPLIFIED.get(ch, ch) for ch in text)
